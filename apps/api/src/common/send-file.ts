import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** Answers with stored bytes as a download named in Chinese, never sniffed into another type by the browser. */
export function sendFile(response: Response, file: { data: Buffer; contentType: string; name: string }): StreamableFile {
  response.setHeader('content-type', file.contentType);
  response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  response.setHeader('x-content-type-options', 'nosniff');
  return new StreamableFile(file.data);
}
