/** `luopan sim` as a user runs it: prints its URL, serves, stops on SIGTERM; bad options exit 2. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';

const root = join(__dirname, '../../..');
const BIN = join(root, 'bin/luopan.mjs');
beforeAll(() => {
  expect(spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-needed'], { stdio: 'inherit' }).status).toBe(0);
});

describe('luopan sim', () => {
  it('prints its URL, serves protocol v1 and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', '--port', '0', '--rooms', '2', '--seed', '9'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const socket = io(url + '/live', { transports: ['websocket'], reconnection: false });
    const hello = await new Promise<{ protocol: number }>((resolve) => socket.once('hello', resolve));
    expect(hello.protocol).toBe(1);
    socket.close();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it.each([
    [['--speed', 'fast']],
    [['--rooms', '0']],
    [['--port', '70000']],
    [['--bogus']],
  ])('exits 2 with one line for bad usage %j', (args) => {
    const r = spawnSync(process.execPath, [BIN, 'sim', ...args], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/speed|rooms|port|unknown option/);
  });
});
