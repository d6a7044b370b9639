// Unit tests of the 办理流程图 SVG renderer: a hand-built plan (no compiler, no database).
import type { FlowNode, FlowPlan } from '#domain';
import { escapeXml, renderFlowchartSvg, textWidth } from './flowchart-svg';

function planOf(name: string, nodes: FlowNode[]): FlowPlan {
  const byId: Record<string, FlowNode> = {};
  for (const node of nodes) byId[node.id] = node;
  const joins: FlowPlan['joins'] = {};
  for (const node of nodes) {
    if (node.type === 'fork') {
      (joins as Record<string, FlowPlan['joins'][string]>)[node.join] = {
        fork: node.id,
        branches: node.branches.length,
        lead: node.branches.findIndex((b) => b.role === 'lead'),
      };
    }
  }
  return {
    hash: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    name,
    definition: { dsl: 1, name, nodes },
    nodes: byId,
    start: nodes.find((node) => node.type === 'start')!.id,
    joins,
    promisedDays: 10,
    legalDays: 20,
    criticalPathHours: 64,
  };
}

/** 企业设立登记: intake → 并联 (GS lead, ZJ, HB) → join(all) → decide → 准予/不予 → deliver → end; intake reject → 不予受理. */
function examplePlan(options: { hbName?: string; join?: Extract<FlowNode, { type: 'join' }>['policy']; name?: string } = {}): FlowPlan {
  const review = (id: string, name: string, department: string, limit: { unit: 'workingDays' | 'workingHours'; amount: number }): FlowNode => ({
    id,
    type: 'task',
    name,
    kind: 'review',
    actor: { kind: 'org', level: 'county', department, post: '审核岗' },
    actions: ['opinion', 'document'],
    limit,
    next: 'join',
  });
  return planOf(options.name ?? '企业设立登记办理流程', [
    { id: 'start', type: 'start', next: 'intake' },
    {
      id: 'intake',
      type: 'task',
      name: '窗口受理',
      kind: 'intake',
      actor: { kind: 'intakeCentre', post: '受理岗' },
      actions: ['accept', 'reject', 'requestCorrection', 'opinion'],
      limit: { unit: 'workingDays', amount: 1 },
      issuesDocument: true,
      next: 'fork',
      onReject: 'endNotAccepted',
    },
    {
      id: 'fork',
      type: 'fork',
      branches: [
        { role: 'lead', next: 'reviewGS' },
        { role: 'co', next: 'reviewZJ' },
        { role: 'co', next: 'reviewHB' },
      ],
      join: 'join',
    },
    review('reviewGS', '工商审查', 'GS', { unit: 'workingDays', amount: 3 }),
    review('reviewZJ', '住建会签', 'ZJ', { unit: 'workingHours', amount: 4 }),
    review('reviewHB', options.hbName ?? '环保会签', 'HB', { unit: 'workingDays', amount: 2 }),
    { id: 'join', type: 'join', policy: options.join ?? { kind: 'all' }, next: 'decide' },
    {
      id: 'decide',
      type: 'task',
      name: '审批决定',
      kind: 'decision',
      actor: { kind: 'org', level: 'county', department: 'GS', post: '审批岗' },
      actions: ['decide', 'opinion', 'document', 'seal'],
      limit: { unit: 'workingDays', amount: 1 },
      issuesDocument: true,
      appliesSeal: true,
      next: 'decision',
    },
    {
      id: 'decision',
      type: 'decision',
      on: 'decide',
      branches: [
        { when: 'approved', next: 'deliver' },
        { when: 'denied', next: 'deliverRefusal' },
      ],
    },
    {
      id: 'deliver',
      type: 'task',
      name: '送达证照',
      kind: 'delivery',
      actor: { kind: 'intakeCentre', post: '窗口岗' },
      actions: ['deliver', 'document'],
      limit: { unit: 'workingDays', amount: 1 },
      issuesDocument: true,
      next: 'endApproved',
    },
    {
      id: 'deliverRefusal',
      type: 'task',
      name: '送达不予许可决定书',
      kind: 'delivery',
      actor: { kind: 'intakeCentre', post: '窗口岗' },
      actions: ['deliver'],
      limit: { unit: 'workingHours', amount: 8 },
      next: 'endDenied',
    },
    { id: 'endApproved', type: 'end', outcome: 'approved' },
    { id: 'endDenied', type: 'end', outcome: 'denied' },
    { id: 'endNotAccepted', type: 'end', outcome: 'notAccepted' },
  ]);
}

/** A small XML well-formedness check: one root, balanced tags, quoted attributes, no stray < or &. */
function assertWellFormedXml(xml: string): void {
  expect(xml.startsWith('<svg') || xml.startsWith('<?xml')).toBe(true);
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const between = xml.slice(last, m.index);
    if (stack.length === 0 && between.trim() !== '') throw new Error(`text outside the root element at ${m.index}`);
    last = m.index + m[0].length;
    if (m[0] === '<' || m[0] === '&') throw new Error(`stray "${m[0]}" at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (m[0].startsWith('<?') || m[0].startsWith('<!--')) continue;
    if (m[1] !== undefined) {
      const open = stack.pop();
      if (open !== m[1]) throw new Error(`</${m[1]}> closes <${open}> at ${m.index}`);
      continue;
    }
    const attrNames = [...(m[3] ?? '').matchAll(/([A-Za-z_][\w:.-]*)\s*=/g)].map((a) => a[1]);
    if (new Set(attrNames).size !== attrNames.length) throw new Error(`duplicate attribute in <${m[2]}> at ${m.index}`);
    if (stack.length === 0) roots += 1;
    if (m[4] !== '/') stack.push(m[2]!);
  }
  if (xml.slice(last).trim() !== '') throw new Error('text after the root element');
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  className: string;
}

/** The node groups (data-node-id, translate, first shape's size) of a rendered chart. */
function nodeBoxes(svg: string): Map<string, Box> {
  const boxes = new Map<string, Box>();
  const group = /<g class="([^"]*)" data-node-id="([^"]+)" transform="translate\((-?[\d.]+),(-?[\d.]+)\)">([\s\S]*?)<\/g>/g;
  for (const m of svg.matchAll(group)) {
    const rect = /<rect width="([\d.]+)" height="([\d.]+)"/.exec(m[5]!);
    const polygon = /<polygon points="([^"]+)"/.exec(m[5]!);
    let width = 0;
    let height = 0;
    if (rect) {
      width = Number(rect[1]);
      height = Number(rect[2]);
    } else if (polygon) {
      const pts = polygon[1]!.split(' ').map((p) => p.split(',').map(Number));
      width = Math.max(...pts.map((p) => p[0]!));
      height = Math.max(...pts.map((p) => p[1]!));
    }
    boxes.set(m[2]!, { className: m[1]!, x: Number(m[3]), y: Number(m[4]), width, height });
  }
  return boxes;
}

describe('renderFlowchartSvg', () => {
  let svg: string;
  beforeAll(async () => {
    svg = await renderFlowchartSvg(examplePlan());
  });

  it('renders a well-formed standalone SVG document with a title and a viewBox', () => {
    assertWellFormedXml(svg);
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>企业设立登记办理流程</title>');
    const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
    expect(viewBox).not.toBeNull();
    const [vw, vh] = [Number(viewBox![1]), Number(viewBox![2])];
    for (const box of nodeBoxes(svg).values()) {
      // Node coordinates are inside the chart group, which is offset by the margin and the title.
      expect(box.x + box.width).toBeLessThan(vw);
      expect(box.y + box.height).toBeLessThan(vh);
    }
    expect(svg).toContain('font-family="Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif"');
    expect(svg).toContain('<marker id="fc-arrow-0123456789ab"');
    expect(svg).toContain('marker-end="url(#fc-arrow-0123456789ab)"');
  });

  it('draws every node once, with its Chinese labels', () => {
    const boxes = nodeBoxes(svg);
    expect([...boxes.keys()].sort()).toEqual(
      [
        'decide',
        'decision',
        'deliver',
        'deliverRefusal',
        'endApproved',
        'endDenied',
        'endNotAccepted',
        'fork',
        'intake',
        'join',
        'reviewGS',
        'reviewHB',
        'reviewZJ',
        'start',
      ].sort(),
    );
    for (const label of [
      '>开始<',
      '>窗口受理<',
      '>受理中心 · 受理岗<',
      '>时限 1 个工作日 · 出具文书<',
      '>并联审批<',
      '>工商审查<',
      '>县级 · GS · 审核岗<',
      '>时限 3 个工作日<',
      '>住建会签<',
      '>县级 · ZJ · 审核岗<',
      '>时限 4 个工作小时<',
      '>环保会签<',
      '>县级 · HB · 审核岗<',
      '>汇合（全部）<',
      '>审批决定<',
      '>县级 · GS · 审批岗<',
      '>时限 1 个工作日 · 出具文书 · 电子印章<',
      '>决定<',
      '>送达证照<',
      '>受理中心 · 窗口岗<',
      '>送达不予许可决定书<',
      '>时限 8 个工作小时<',
      '>办结（准予）<',
      '>办结（不予）<',
      '>不予受理<',
    ]) {
      expect(svg).toContain(label);
    }
    expect(boxes.get('decision')!.className).toBe('node decision');
    expect(svg).toMatch(/<polygon points="[^"]+"/);
  });

  it('labels the edges: 主办/协办 on the fork branches, 准予/不予 on the decision, a dashed 不予受理', () => {
    const edgeLabels = [...svg.matchAll(/<g class="(edge[^"]*)" data-edge-id="[^"]*" data-source="([^"]+)" data-target="([^"]+)">([\s\S]*?)<\/g>/g)].map(
      (m) => ({ cls: m[1], source: m[2], target: m[3], body: m[4]!, label: /class="edge-label"[^>]*>([^<]*)</.exec(m[4]!)?.[1] ?? null }),
    );
    const labelOf = (source: string, target: string) => edgeLabels.find((e) => e.source === source && e.target === target);
    expect(labelOf('fork', 'reviewGS')?.label).toBe('主办');
    expect(labelOf('fork', 'reviewZJ')?.label).toBe('协办');
    expect(labelOf('fork', 'reviewHB')?.label).toBe('协办');
    expect(labelOf('decision', 'deliver')?.label).toBe('准予');
    expect(labelOf('decision', 'deliverRefusal')?.label).toBe('不予');
    const reject = labelOf('intake', 'endNotAccepted')!;
    expect(reject.label).toBe('不予受理');
    expect(reject.cls).toBe('edge reject');
    expect(reject.body).toContain('stroke-dasharray');
    expect(labelOf('intake', 'fork')?.body).not.toContain('stroke-dasharray');
    // 15 edges, each drawn as a path from ELK's sections, ending in an arrowhead.
    expect(edgeLabels).toHaveLength(15);
    for (const edge of edgeLabels) expect(edge.body).toMatch(/<path d="M-?[\d.]+,-?[\d.]+( L-?[\d.]+,-?[\d.]+)+"[^>]*marker-end="url\(#fc-arrow/);
  });

  it('lays the parallel branches side by side, between the fork and the join', () => {
    const boxes = nodeBoxes(svg);
    const branches = ['reviewGS', 'reviewZJ', 'reviewHB'].map((id) => boxes.get(id)!);
    const centreY = branches.map((b) => b.y + b.height / 2);
    expect(Math.max(...centreY) - Math.min(...centreY)).toBeLessThan(2);
    const xs = branches.map((b) => b.x);
    expect(new Set(xs).size).toBe(3);
    // Side by side: no two branch boxes overlap horizontally.
    const sorted = [...branches].sort((a, b) => a.x - b.x);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.x).toBeGreaterThanOrEqual(sorted[i - 1]!.x + sorted[i - 1]!.width);
    const fork = boxes.get('fork')!;
    const join = boxes.get('join')!;
    for (const b of branches) {
      expect(fork.y + fork.height).toBeLessThanOrEqual(b.y);
      expect(join.y).toBeGreaterThanOrEqual(b.y + b.height);
    }
    // The flow runs downwards.
    const order = ['start', 'intake', 'fork', 'join', 'decide', 'decision', 'deliver', 'endApproved'];
    for (let i = 1; i < order.length; i++) expect(boxes.get(order[i]!)!.y).toBeGreaterThan(boxes.get(order[i - 1]!)!.y);
    expect(boxes.get('endNotAccepted')!.y).toBeGreaterThan(boxes.get('intake')!.y);
  });

  it('sizes task boxes to fit their labels', () => {
    const boxes = nodeBoxes(svg);
    const refusal = boxes.get('deliverRefusal')!;
    expect(refusal.width).toBeGreaterThanOrEqual(textWidth('送达不予许可决定书', 14));
    const decide = boxes.get('decide')!;
    expect(decide.width).toBeGreaterThanOrEqual(textWidth('时限 1 个工作日 · 出具文书 · 电子印章', 12));
    expect(textWidth('办结', 14)).toBe(28);
    expect(textWidth('GS', 14)).toBe(16);
  });

  it('escapes text for XML', async () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    const tricky = await renderFlowchartSvg(examplePlan({ hbName: '环保<&>会签', name: '"企业" & \'个体\' <流程>' }));
    assertWellFormedXml(tricky);
    expect(tricky).toContain('>环保&lt;&amp;&gt;会签<');
    expect(tricky).not.toContain('<&>');
    expect(tricky).toContain('<title>&quot;企业&quot; &amp; &apos;个体&apos; &lt;流程&gt;</title>');
  });

  it('labels a quorum join 汇合（主办+N）', async () => {
    const quorum = await renderFlowchartSvg(examplePlan({ join: { kind: 'leadPlusQuorum', quorum: 1 } }));
    assertWellFormedXml(quorum);
    expect(quorum).toContain('>汇合（主办+1）<');
    expect(quorum).not.toContain('汇合（全部）');
  });

  it('highlights the current and the done nodes', async () => {
    expect(svg).not.toMatch(/class="node [a-z]+ (current|done)"/);
    const highlighted = await renderFlowchartSvg(examplePlan(), {
      highlight: { current: ['reviewZJ', 'reviewHB'], done: ['start', 'intake', 'fork', 'reviewGS'] },
    });
    assertWellFormedXml(highlighted);
    const boxes = nodeBoxes(highlighted);
    expect(boxes.get('reviewZJ')!.className).toBe('node task current');
    expect(boxes.get('reviewHB')!.className).toBe('node task current');
    expect(boxes.get('reviewGS')!.className).toBe('node task done');
    expect(boxes.get('start')!.className).toBe('node start done');
    expect(boxes.get('fork')!.className).toBe('node fork done');
    expect(boxes.get('join')!.className).toBe('node join');
    expect(boxes.get('decide')!.className).toBe('node task');
    // Orange border and fill for the current steps, a green-grey fill for the done ones.
    expect(highlighted).toMatch(/data-node-id="reviewZJ"[^>]*><rect [^>]*fill="#ffe0b2" stroke="#ef6c00"/);
    expect(highlighted).toMatch(/data-node-id="reviewGS"[^>]*><rect [^>]*fill="#dfe7e1"/);
    // Highlighting does not move anything.
    const plain = nodeBoxes(svg);
    for (const [id, box] of boxes) expect([box.x, box.y]).toEqual([plain.get(id)!.x, plain.get(id)!.y]);
  });

  it('is deterministic', async () => {
    const again = await renderFlowchartSvg(examplePlan());
    expect(again).toBe(svg);
    const [a, b] = await Promise.all([renderFlowchartSvg(examplePlan()), renderFlowchartSvg(examplePlan())]);
    expect(a).toBe(svg);
    expect(b).toBe(svg);
  });
});
