import { DOCUMENT_CATEGORIES, DOCUMENT_STATUSES, type DocumentCategory, type DocumentStatus, KEY_AREA_SLUGS, type KeyArea } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * What the disclosure endpoints answer, for the OpenAPI document (the web console reads it). The
 * service's return types are these classes, so the schema cannot drift from the answers.
 */

export class IssuerView {
  @ApiProperty({ example: '33030300ZF' }) code!: string;
  @ApiProperty({ example: '龙湾区人民政府办公室' }) name!: string;
}

export class KeyAreaRefView {
  @ApiProperty({ enum: KEY_AREA_SLUGS }) slug!: KeyArea;
  @ApiProperty({ example: '保障性住房' }) name!: string;
}

export class RepealView {
  @ApiProperty() at!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class CommentPeriodView {
  @ApiProperty() opensAt!: string;
  @ApiProperty() closesAt!: string;
  @ApiProperty({ enum: ['none', 'not_open', 'open', 'closed'] }) state!: string;
}

export class DocumentSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: '温政办〔2013〕106号' }) docNumber!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: IssuerView }) issuer!: IssuerView;
  @ApiProperty({ enum: DOCUMENT_CATEGORIES }) category!: DocumentCategory;
  @ApiProperty({ type: KeyAreaRefView, nullable: true }) keyArea!: KeyAreaRefView | null;
  @ApiProperty({ enum: DOCUMENT_STATUSES }) status!: DocumentStatus;
  @ApiProperty({ description: '征求意见稿（尚未发布、正在或将要征求意见的草案）' }) consultationDraft!: boolean;
  @ApiProperty({ type: String, nullable: true, description: '成文日期' }) writtenDate!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '施行日期' }) effectiveDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: RepealView, nullable: true, description: '废止的日期和理由；已废止的文件仍可查阅' }) repealed!: RepealView | null;
  @ApiProperty({ type: CommentPeriodView, nullable: true }) commentPeriod!: CommentPeriodView | null;
  @ApiProperty({ example: '/api/disclosure/documents/…' }) url!: string;
}

export class DocumentHitView extends DocumentSummaryView {
  @ApiProperty({ type: Number, nullable: true, description: '相关度（ts_rank），仅检索时有' }) rank!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'HTML：正文摘要，已转义，命中词用 <mark> 标出；仅检索时有' }) snippet!: string | null;
}

export class DocumentPageView {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [DocumentHitView] }) items!: DocumentHitView[];
}

export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
  @ApiPropertyOptional({ description: '下载地址' }) url?: string;
}

export class InterpretationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: 'draft' | 'published';
  @ApiProperty() withDocument!: boolean;
  @ApiProperty({ type: String, nullable: true }) publishedAt!: string | null;
}

export class SummaryView {
  @ApiProperty() text!: string;
  @ApiProperty() publishedAt!: string;
}

export class DocumentView extends DocumentSummaryView {
  @ApiProperty() body!: string;
  @ApiProperty({ type: [AttachmentView] }) attachments!: AttachmentView[];
  @ApiProperty({ type: [InterpretationView], description: '已发布的政策解读' }) interpretations!: InterpretationView[];
  @ApiProperty({ type: SummaryView, nullable: true, description: '意见采纳情况' }) commentSummary!: SummaryView | null;
}

export class AdoptionView {
  @ApiProperty() adopted!: boolean;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class PublicCommentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() content!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ type: AdoptionView, nullable: true, description: '采纳情况，公布后才有' }) adoption!: AdoptionView | null;
}

export class CommentsView {
  @ApiProperty({ type: CommentPeriodView, nullable: true }) commentPeriod!: CommentPeriodView | null;
  @ApiProperty({ type: SummaryView, nullable: true }) summary!: SummaryView | null;
  @ApiProperty({ type: [PublicCommentView] }) comments!: PublicCommentView[];
  @ApiProperty({ type: [PublicCommentView] }) feedback!: PublicCommentView[];
}

export class SubmittedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['pending'], description: '待审核，审核通过后公开' }) status!: string;
  @ApiProperty() submittedAt!: string;
}

export class AreaIndexView {
  @ApiProperty({ enum: KEY_AREA_SLUGS }) slug!: KeyArea;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '已发布（含已废止）的文件数' }) documents!: number;
  @ApiProperty() url!: string;
  @ApiProperty() feed!: string;
}

export class AreaEntryView {
  @ApiProperty({ enum: ['document', 'result'], description: 'document 政策文件；result 审批、处罚结果公开' }) kind!: 'document' | 'result';
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true, description: '文件的文号，结果的办件编号' }) reference!: string | null;
  @ApiProperty({ description: '发文机关或办理部门' }) org!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ description: '文件状态，或结果所属事项的类型编码' }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: '结果的申请人；个人姓名已脱敏' }) applicant!: string | null;
  @ApiProperty() url!: string;
}

export class AreaPageView {
  @ApiProperty({ type: KeyAreaRefView }) area!: KeyAreaRefView;
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [AreaEntryView] }) items!: AreaEntryView[];
}

export class ModerationItemView extends PublicCommentView {
  @ApiProperty({ enum: ['comment', 'feedback'] }) kind!: 'comment' | 'feedback';
  @ApiProperty({ type: String, nullable: true, description: '联系方式（仅公开办可见）' }) contact!: string | null;
  @ApiProperty({ type: Object, example: { id: '…', title: '…' } }) document!: { id: string; title: string };
}

export class ModeratedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['approved', 'rejected'] }) status!: 'approved' | 'rejected';
}
