/**
 * Files in and out of the console pages, over either bridge:
 * - wall (socket bridge): the server's /files/ routes stream them over HTTP (a show is tens of
 *   MB; a socket message is at most 1 MB). The page's token cookie authorises the requests;
 *   `?token=` is added too for a browser that kept no cookie.
 * - desktop (IPC bridge): the paged/chunked API methods (sessions.exportPage, importChunk…).
 */
import type { ImportSummary } from '../../../../shared/api/contract';
import type { ScreenBridge } from '../../bridge';
import { tokenFromUrl } from '../../bridge/socket-bridge';

/** A same-origin URL of a wall file route, with the page's token. */
export function filesUrl(path: string, params: Record<string, string | undefined> = {}): string {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  const token = tokenFromUrl(window.location.href);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

function clickDownload(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Save text as a file through the browser's download. */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  clickDownload(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function exportFileName(sessionId: string): string {
  return `luopan-${sessionId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120)}.ndjson`;
}

/** Download one session's NDJSON. */
export async function exportSession(bridge: ScreenBridge, sessionId: string): Promise<void> {
  if (bridge.kind === 'socket') {
    clickDownload(filesUrl(`/files/sessions/${encodeURIComponent(sessionId)}.ndjson`), exportFileName(sessionId));
    return;
  }
  const parts: string[] = [];
  for (let afterSeq = 0, done = false; !done; ) {
    const page = await bridge.call('sessions.exportPage', { sessionId, afterSeq });
    parts.push(page.ndjson);
    afterSeq = page.lastSeq;
    done = page.done;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/x-ndjson' }));
  clickDownload(url, exportFileName(sessionId));
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const CHUNK_CHARS = 512 * 1024;

/** Import an NDJSON file: all or nothing; rejects with the engine's one-line reason (`line N: …`). */
export async function importFile(bridge: ScreenBridge, file: File): Promise<ImportSummary> {
  if (bridge.kind === 'socket') {
    const res = await fetch(filesUrl('/files/sessions/import'), {
      method: 'POST',
      body: file,
      headers: { 'X-Luopan-Upload': '1', 'Content-Type': 'application/x-ndjson' },
      credentials: 'same-origin',
    });
    const reply = (await res.json().catch(() => ({ ok: false, error: `HTTP ${res.status}` }))) as { ok: boolean; value?: ImportSummary; error?: string };
    if (!reply.ok || !reply.value) throw new Error(reply.error ?? `HTTP ${res.status}`);
    return reply.value;
  }
  const { importId } = await bridge.call('sessions.importBegin');
  try {
    // decoded as a stream: a character split between two reads stays whole
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (value) pending += value;
      while (pending.length >= CHUNK_CHARS || (done && pending.length > 0)) {
        await bridge.call('sessions.importChunk', importId, pending.slice(0, CHUNK_CHARS));
        pending = pending.slice(CHUNK_CHARS);
      }
      if (done) break;
    }
  } catch (err) {
    await bridge.call('sessions.importAbort', importId).catch(() => undefined);
    throw err;
  }
  return bridge.call('sessions.importCommit', importId);
}
