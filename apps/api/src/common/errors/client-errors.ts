import { ErrorCode } from '#domain';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

/**
 * Requests Node's HTTP parser refuses before any of our code runs (a URL or headers over Node's 16 KiB
 * limit, a request line that is not HTTP) would get Node's bare answer without our error shape; they get
 * the same `{ statusCode, code, message, details }` as every other refusal. The connection is then closed,
 * as Node does, since the parser cannot find the next request on it.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const statusCode = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      statusCode,
      code: tooLarge ? ErrorCode.REQUEST_HEADERS_TOO_LARGE : ErrorCode.REQUEST_MALFORMED,
      message: tooLarge ? '请求地址或请求头过长' : '请求格式有误',
      details: [],
    });
    socket.end(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
