import type { KeyArea } from '#domain';
import type * as FeedModule from 'feed' with { 'resolution-mode': 'import' };
import type { AreaEntryView } from './disclosure.views';

// feed is published as ES modules only; Node 20.19+ loads it through require (jest transforms it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Feed } = require('feed') as typeof FeedModule;

/** The Atom feed (RFC 4287) of a key area's column: its newest 50 entries, links absolute. */
export function areaFeed(area: { slug: KeyArea; name: string }, entries: AreaEntryView[], baseUrl: string): string {
  const self = `${baseUrl}/api/disclosure/areas/${area.slug}/feed.atom`;
  const feed = new Feed({
    id: `${baseUrl}/api/disclosure/areas/${area.slug}`,
    title: `重点领域信息公开 · ${area.name}`,
    description: `${area.name}领域的政策文件和审批、处罚结果公开`,
    link: `${baseUrl}/api/disclosure/areas/${area.slug}`,
    language: 'zh-CN',
    updated: entries[0] ? new Date(entries[0].at) : new Date(0),
    feedLinks: { atom: self },
    copyright: '龙湾区人民政府',
    generator: false,
  });
  for (const e of entries) {
    const summary =
      e.kind === 'document'
        ? `${e.org}${e.reference ? ` ${e.reference}` : ''}${e.status === 'repealed' ? '（已废止）' : ''}`
        : `${e.org} 办理结果公开：${e.reference}${e.applicant ? `，申请人 ${e.applicant}` : ''}`;
    feed.addItem({
      id: `urn:zhengwutong:${e.kind}:${e.id}`,
      title: escapeHtml(e.kind === 'document' ? e.title : `【结果公开】${e.title}`),
      link: `${baseUrl}${e.url}`,
      date: new Date(e.at),
      published: new Date(e.at),
      description: escapeHtml(summary),
      author: [{ name: e.org }],
    });
  }
  return feed.atom1();
}

// feed writes titles and summaries as type="html" in CDATA: plain text must be escaped to read as itself.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}
