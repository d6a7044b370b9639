import { DomainError, ErrorCode } from '#domain';
import { DocumentsRepository } from '#persistence';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * Refuses an upload to a document that does not exist before its body is read: guards run ahead of
 * interceptors, so multer never buffers up to 20 MiB for an id that answers 404 anyway (and the
 * ValidationPipe, which would check the id's form, runs even later — hence the check here).
 */
@Injectable()
export class DocumentExistsGuard implements CanActivate {
  constructor(private readonly documents: DocumentsRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const id = (context.switchToHttp().getRequest<{ params?: Record<string, string> }>().params ?? {}).id;
    if (typeof id !== 'string' || !isUUID(id)) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'id', rule: 'isUuid' }]);
    if (!(await this.documents.exists(id))) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '未找到该文书');
    return true;
  }
}
