import { ITEM_TYPES, type ItemDraft, regionLevelOf } from '#domain';
import { type AnnouncementEntity, type CatalogChangeEntity, draftOf, type ItemEntity } from '#persistence';

/** The full public table of an item, as the catalog column (专栏) shows it. */
export function itemView(item: ItemEntity) {
  const draft: ItemDraft = draftOf(item);
  return {
    code: item.code,
    status: item.status,
    version: item.version,
    typeName: ITEM_TYPES[item.typeCode].name,
    family: item.family,
    subjectCode: item.subjectCode,
    level: regionLevelOf(item.subjectCode.slice(0, 8)),
    department: item.org ? { code: item.org.code, name: item.org.name } : undefined,
    successorCodes: item.successorCodes,
    updatedAt: item.updatedAt.toISOString(),
    ...draft,
  };
}

/** One line of the public listing. */
export function itemSummary(item: ItemEntity) {
  return {
    code: item.code,
    name: item.name,
    typeCode: item.typeCode,
    typeName: ITEM_TYPES[item.typeCode].name,
    status: item.status,
    subjectCode: item.subjectCode,
    department: item.org ? { code: item.org.code, name: item.org.name } : undefined,
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function changeView(change: CatalogChangeEntity) {
  return {
    id: change.id,
    kind: change.kind,
    status: change.status,
    department: change.org ? { code: change.org.code, name: change.org.name } : undefined,
    itemCode: change.targetItem?.code ?? null,
    reason: change.reason,
    payload: change.payload,
    filedBy: change.filedBy,
    filedAt: change.filedAt.toISOString(),
    reviewedBy: change.reviewedBy,
    reviewNote: change.reviewNote,
    decidedAt: change.decidedAt?.toISOString() ?? null,
    result: change.result,
  };
}

export function announcementView(a: AnnouncementEntity) {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    body: a.body,
    itemCodes: a.itemCodes,
    department: a.org ? { code: a.org.code, name: a.org.name } : undefined,
    publishedAt: a.publishedAt.toISOString(),
  };
}
