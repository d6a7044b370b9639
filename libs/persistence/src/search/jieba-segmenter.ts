import type { Segmenter } from '#domain';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | undefined;

/**
 * jieba with its default dictionary and HMM for words it lacks (place and people's names), loaded on
 * first use (about half a second) and shared: documents and queries must be cut by the same one.
 */
export const jiebaSegmenter: Segmenter = {
  cut: (text) => instance().cut(text, true),
  cutForSearch: (text) => instance().cutForSearch(text, true),
};

function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}
