/**
 * The wall server's file routes of the history pages — what a browser downloads or uploads as
 * a file rather than as one socket message (a show's NDJSON is tens of MB; a socket message is
 * at most 1 MB):
 * - GET  /files/sessions/<id>.ndjson        a session's export, streamed page by page
 * - POST /files/sessions/import             an NDJSON upload, streamed into a staged import
 * - GET  /files/diagnosis/report.(html|csv)?kind=&window=&shop=&start=&end=&lang=   the printable report / CSV
 * - GET  /files/review/<id>.(html|csv)?lang=&compare=   a session review's printable page / CSV
 * They go through the same API handlers (validated by parseApiCall) as the socket, with the
 * caller's rights (an upload needs the admin level); the token check of the server comes first.
 * An upload also needs the `X-Luopan-Upload` header and a
 * same-origin `Origin`: a header a cross-site form cannot send, so another web page open in the
 * same browser cannot make the server import anything.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiMethod, ApiResults } from '../../shared/api/contract';
import type { EngineHost } from '../engine/host';
import { sameOrigin } from './access';
import { ADMIN_CALLER, dispatchCall, forbiddenMessage, type CallerRights } from './socket-bridge';

export const FILES_PREFIX = '/files/';
export const UPLOAD_HEADER = 'x-luopan-upload';
/** characters per importChunk call: well under the contract's 900,000 */
const UPLOAD_CHARS = 512 * 1024;

type Headers = Record<string, string | string[]>;

async function call<M extends ApiMethod>(engine: EngineHost, method: M, args: unknown[], rights: CallerRights = ADMIN_CALLER): Promise<ApiResults[M]> {
  const reply = await dispatchCall(engine, method, args, () => ({ shell: 'wall', screens: [] }), rights);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as ApiResults[M];
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Headers): void {
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown, headers: Headers) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);

/** `attachment; filename=…` safe for any id (RFC 6266 filename*). */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Write respecting back-pressure; false when the client went away. */
function write(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

async function exportSession(engine: EngineHost, sessionId: string, res: ServerResponse, headers: Headers): Promise<void> {
  // the first page before the headers: an unknown session is a 404, not a broken download
  let page = await call(engine, 'sessions.exportPage', [{ sessionId, afterSeq: 0 }]).catch((err: Error) => err);
  if (page instanceof Error) return send(res, 404, 'text/plain; charset=utf-8', `${page.message}\n`, headers);
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Content-Disposition': attachment(`luopan-${sessionId}.ndjson`),
    'Cache-Control': 'no-store',
  });
  for (;;) {
    if (page.ndjson && !(await write(res, page.ndjson))) return;
    if (page.done) break;
    page = await call(engine, 'sessions.exportPage', [{ sessionId, afterSeq: page.lastSeq }]);
  }
  res.end();
}

async function importUpload(engine: EngineHost, req: IncomingMessage, res: ServerResponse, headers: Headers, rights: CallerRights): Promise<void> {
  if (req.headers[UPLOAD_HEADER] !== '1' || !sameOrigin(req.headers.origin, req.headers.host)) {
    return json(res, 403, { ok: false, error: 'uploads come from the Luopan page itself (X-Luopan-Upload header, same origin)' }, headers);
  }
  // refused before a byte of the body is read: an import changes the stored sessions
  if (!rights.canChange) return json(res, 403, { ok: false, error: (rights.forbidden ?? forbiddenMessage)('sessions.importBegin') }, headers);
  const { importId } = await call(engine, 'sessions.importBegin', []);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending = '';
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      pending += decoder.decode(chunk, { stream: true });
      while (pending.length >= UPLOAD_CHARS) {
        await call(engine, 'sessions.importChunk', [importId, pending.slice(0, UPLOAD_CHARS)]);
        pending = pending.slice(UPLOAD_CHARS);
      }
    }
    pending += decoder.decode();
    if (pending) await call(engine, 'sessions.importChunk', [importId, pending]);
  } catch (err) {
    await call(engine, 'sessions.importAbort', [importId]).catch(() => undefined);
    if (req.destroyed || res.destroyed) return;
    return json(res, 400, { ok: false, error: (err as Error).message }, headers);
  }
  try {
    json(res, 200, { ok: true, value: await call(engine, 'sessions.importCommit', [importId]) }, headers);
  } catch (err) {
    json(res, 400, { ok: false, error: (err as Error).message }, headers);
  }
}

async function diagnosisFile(engine: EngineHost, format: 'html' | 'csv', url: URL, res: ServerResponse, headers: Headers): Promise<void> {
  const p = url.searchParams;
  const query: Record<string, string> = { kind: p.get('kind') ?? 'self', window: p.get('window') ?? '7d' };
  if (p.get('shop')) query.shopId = p.get('shop')!;
  for (const k of ['start', 'end', 'lang']) if (p.get(k)) query[k] = p.get(k)!;
  let file: ApiResults['diagnosis.export'];
  try {
    file = await call(engine, 'diagnosis.export', [query, format]);
  } catch (err) {
    return send(res, 400, 'text/plain; charset=utf-8', `${(err as Error).message}\n`, headers);
  }
  // the printable page opens in the browser (to print); the CSV downloads
  send(res, 200, file.mime, file.text, format === 'csv' || p.get('download') ? { ...headers, 'Content-Disposition': attachment(file.fileName) } : headers);
}

async function reviewFile(engine: EngineHost, sessionId: string, format: 'html' | 'csv', url: URL, res: ServerResponse, headers: Headers): Promise<void> {
  const p = url.searchParams;
  const query: Record<string, unknown> = { sessionId };
  if (p.get('lang')) query.lang = p.get('lang');
  if (p.get('compare')) query.compare = Number(p.get('compare'));
  let file: ApiResults['review.export'];
  try {
    file = await call(engine, 'review.export', [query, format]);
  } catch (err) {
    return send(res, 400, 'text/plain; charset=utf-8', `${(err as Error).message}\n`, headers);
  }
  send(res, 200, file.mime, file.text, format === 'csv' || p.get('download') ? { ...headers, 'Content-Disposition': attachment(file.fileName) } : headers);
}

/** Answer a /files/ request; false when the path is not one of these routes. */
export async function handleHistoryRoute(
  engine: EngineHost,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  headers: Headers,
  rights: CallerRights = ADMIN_CALLER,
): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith(FILES_PREFIX)) return false;
  const exportMatch = /^\/files\/sessions\/([^/]+)\.ndjson$/.exec(path);
  if (req.method === 'POST') {
    if (path !== '/files/sessions/import') return false;
    await importUpload(engine, req, res, headers, rights);
    return true;
  }
  if (exportMatch) {
    let id: string;
    try {
      id = decodeURIComponent(exportMatch[1]!);
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'bad session id\n', headers);
      return true;
    }
    await exportSession(engine, id, res, headers);
    return true;
  }
  const review = /^\/files\/review\/([^/]+)\.(html|csv)$/.exec(path);
  if (review) {
    let id: string;
    try {
      id = decodeURIComponent(review[1]!);
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'bad session id\n', headers);
      return true;
    }
    await reviewFile(engine, id, review[2] as 'html' | 'csv', url, res, headers);
    return true;
  }
  const report = /^\/files\/diagnosis\/report\.(html|csv)$/.exec(path);
  if (report) {
    await diagnosisFile(engine, report[1] as 'html' | 'csv', url, res, headers);
    return true;
  }
  return false;
}
