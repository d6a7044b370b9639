import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { COMMENT_LIMIT, COMMENT_WINDOW_MS, CommentThrottlerGuard } from './comment-throttler.guard';
import { DisclosureController } from './disclosure.controller';
import { DisclosureService } from './disclosure.service';

/** 政务公开: policy documents, search, key-area columns, public comment, interpretations, feedback. */
@Module({
  imports: [ThrottlerModule.forRoot([{ ttl: COMMENT_WINDOW_MS, limit: COMMENT_LIMIT }])],
  controllers: [DisclosureController],
  providers: [DisclosureService, CommentThrottlerGuard],
})
export class DisclosureModule {}
