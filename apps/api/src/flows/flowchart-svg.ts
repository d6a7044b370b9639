// The 办理流程图 (operation flowchart) of a compiled flow plan, as a standalone SVG document.
// Layout: ELK's layered algorithm, top to bottom, orthogonal edges; we only size the nodes (from a
// rough measure of their labels) and draw what ELK computed: node positions, edge sections (bend
// points) and edge label positions. Pure function of the plan (and the highlight): same input,
// same string.
import {
  CASE_ACTION_NAMES,
  DECISION_NAMES,
  FLOW_END_NAMES,
  FORK_ROLE_NAMES,
  LIMIT_UNIT_NAMES,
  ORG_LEVEL_NAMES,
  type FlowNode,
  type FlowPlan,
  type StepActor,
  type StepLimit,
} from '#domain';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPoint, ElkPort, LayoutOptions } from 'elkjs/lib/elk.bundled.js';

export interface FlowchartOptions {
  /** Where a case is: `current` nodes (being worked on) and `done` nodes (passed). */
  highlight?: { current?: string[]; done?: string[] };
}

const FONT_FAMILY = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif';

/** Sizes (px). */
const S = {
  nameFont: 14,
  smallFont: 12,
  edgeFont: 12,
  titleFont: 16,
  taskPadX: 14,
  taskMinWidth: 132,
  taskLineHeights: [20, 17, 17],
  taskPadY: 9,
  pillHeight: 36,
  pillPadX: 22,
  pillMinWidth: 88,
  barHeight: 24,
  barPadX: 18,
  diamondWidth: 96,
  diamondHeight: 56,
  margin: 20,
  titleHeight: 34,
} as const;

/** Colours: normal, current (orange), done (green-grey). */
const C = {
  stroke: '#37474f',
  taskFill: '#ffffff',
  pillFill: '#eceff1',
  barFill: '#37474f',
  barText: '#ffffff',
  diamondFill: '#fffde7',
  text: '#212121',
  subText: '#546e7a',
  edge: '#546e7a',
  rejectEdge: '#c62828',
  currentStroke: '#ef6c00',
  currentFill: '#ffe0b2',
  currentBar: '#ef6c00',
  doneFill: '#dfe7e1',
  doneBar: '#8aa395',
} as const;

type NodeState = 'current' | 'done' | null;

// ---------------------------------------------------------------------------------------------
// Text

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}
const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Rough width of text: CJK and other wide characters one em, ASCII and the rest ~0.57 em. */
export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const ch of text) {
    width += isWide(ch.codePointAt(0)!) ? fontSize : fontSize * (8 / 14);
  }
  return Math.ceil(width);
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf) || // CJK radicals … Yi (incl. CJK punctuation, kana, ideographs)
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // fullwidth forms (（）＋ …)
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B…
  );
}

/** A number for SVG output: one decimal at most, no "-0". */
function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

// ---------------------------------------------------------------------------------------------
// Labels

export function actorLabel(actor: StepActor): string {
  if (actor.kind === 'intakeCentre') return `受理中心 · ${actor.post}`;
  const parts = [ORG_LEVEL_NAMES[actor.level]];
  if (actor.department) parts.push(actor.department);
  parts.push(actor.post);
  return parts.join(' · ');
}

export function limitLabel(limit: StepLimit, issuesDocument?: boolean, appliesSeal?: boolean): string {
  let label = `时限 ${limit.amount} 个${LIMIT_UNIT_NAMES[limit.unit]}`;
  if (issuesDocument) label += ' · 出具文书';
  if (appliesSeal) label += ' · 电子印章';
  return label;
}

function nodeLabel(node: FlowNode): string {
  switch (node.type) {
    case 'start':
      return '开始';
    case 'end':
      return node.name ?? FLOW_END_NAMES[node.outcome];
    case 'task':
      return node.name;
    case 'fork':
      return '并联审批';
    case 'join':
      return node.policy.kind === 'all' ? '汇合（全部）' : `汇合（主办+${node.policy.quorum}）`;
    case 'decision':
      return '决定';
  }
}

// ---------------------------------------------------------------------------------------------
// Graph

interface FlowEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  reject?: boolean;
}

/** The edges leaving a node, in the node's own order. */
function outgoing(node: FlowNode): FlowEdge[] {
  switch (node.type) {
    case 'start':
    case 'join':
      return [{ id: `${node.id}->${node.next}`, source: node.id, target: node.next }];
    case 'task': {
      const edges: FlowEdge[] = [{ id: `${node.id}->${node.next}`, source: node.id, target: node.next }];
      if (node.onReject) {
        edges.push({ id: `${node.id}-x->${node.onReject}`, source: node.id, target: node.onReject, label: CASE_ACTION_NAMES.reject, reject: true });
      }
      return edges;
    }
    case 'fork':
      return node.branches.map((b, i) => ({
        id: `${node.id}-${i}->${b.next}`,
        source: node.id,
        target: b.next,
        label: FORK_ROLE_NAMES[b.role],
      }));
    case 'decision':
      return node.branches.map((b, i) => ({
        id: `${node.id}-${i}->${b.next}`,
        source: node.id,
        target: b.next,
        label: DECISION_NAMES[b.when],
      }));
    case 'end':
      return [];
  }
}

/** Nodes in flow order (breadth first from the start), then any unreachable ones in definition order. */
function orderedNodes(plan: FlowPlan): FlowNode[] {
  const byId = plan.nodes;
  const seen = new Set<string>();
  const order: FlowNode[] = [];
  const queue: string[] = [plan.start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const node = byId[id];
    if (!node || seen.has(id)) continue;
    seen.add(id);
    order.push(node);
    for (const edge of outgoing(node)) queue.push(edge.target);
  }
  for (const node of plan.definition.nodes) {
    if (!seen.has(node.id) && byId[node.id]) {
      seen.add(node.id);
      order.push(byId[node.id]!);
    }
  }
  return order;
}

/**
 * The edges into a join, in the order of the fork branches they come from (the join's ports are
 * fixed, left to right, so they must follow the branches' order to avoid crossings).
 */
function joinEdgesInBranchOrder(joinId: string, nodes: FlowNode[], edges: FlowEdge[]): FlowEdge[] {
  const incoming = edges.filter((edge) => edge.target === joinId);
  const fork = nodes.find((node): node is Extract<FlowNode, { type: 'fork' }> => node.type === 'fork' && node.join === joinId);
  if (!fork) return incoming;
  const branchOf = new Map<string, number>();
  const forkEdges = edges.filter((edge) => edge.source === fork.id);
  forkEdges.forEach((edge, i) => {
    if (edge.target === joinId) branchOf.set(edge.id, i);
    const queue = [edge.target];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (id === joinId || branchOf.has(id)) continue;
      branchOf.set(id, i);
      for (const next of edges) if (next.source === id) queue.push(next.target);
    }
  });
  const rank = (edge: FlowEdge) => (edge.source === fork.id ? branchOf.get(edge.id) : branchOf.get(edge.source)) ?? Number.MAX_SAFE_INTEGER;
  // Array.prototype.sort is stable: edges of one branch keep their order.
  return [...incoming].sort((a, b) => rank(a) - rank(b));
}

interface Size {
  width: number;
  height: number;
}

function taskLines(node: Extract<FlowNode, { type: 'task' }>): [string, string, string] {
  return [node.name, actorLabel(node.actor), limitLabel(node.limit, node.issuesDocument, node.appliesSeal)];
}

function baseSize(node: FlowNode): Size {
  switch (node.type) {
    case 'task': {
      const [name, actor, limit] = taskLines(node);
      const width = Math.max(
        S.taskMinWidth,
        textWidth(name, S.nameFont) + 2 * S.taskPadX,
        textWidth(actor, S.smallFont) + 2 * S.taskPadX,
        textWidth(limit, S.smallFont) + 2 * S.taskPadX,
      );
      const height = S.taskLineHeights.reduce((a, b) => a + b, 0) + 2 * S.taskPadY;
      return { width, height };
    }
    case 'start':
    case 'end':
      return { width: Math.max(S.pillMinWidth, textWidth(nodeLabel(node), S.nameFont) + 2 * S.pillPadX), height: S.pillHeight };
    case 'fork':
    case 'join':
      return { width: textWidth(nodeLabel(node), S.smallFont) + 2 * S.barPadX, height: S.barHeight };
    case 'decision':
      return { width: S.diamondWidth, height: S.diamondHeight };
  }
}

const NODE_SPACING = 36;

const LAYOUT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.randomSeed': '1',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  'elk.spacing.nodeNode': String(NODE_SPACING),
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '12',
  'elk.layered.spacing.edgeNodeBetweenLayers': '18',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.mergeEdges': 'false',
  'elk.edgeLabels.inline': 'false',
};

interface Laid {
  node: FlowNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface LaidEdge {
  edge: FlowEdge;
  points: ElkPoint[][];
  labels: { text: string; x: number; y: number; width: number; height: number }[];
}

let elkInstance: InstanceType<typeof ELK> | null = null;
function elk(): InstanceType<typeof ELK> {
  elkInstance ??= new ELK();
  return elkInstance;
}

async function layout(plan: FlowPlan): Promise<{ nodes: Laid[]; edges: LaidEdge[]; width: number; height: number }> {
  const nodes = orderedNodes(plan);
  const present = new Set(nodes.map((node) => node.id));
  const edges = nodes.flatMap(outgoing).filter((edge) => present.has(edge.target));

  // Fork and join bars span their branches: as wide as the boxes they open or close side by side,
  // with a fixed port above each box (centred on it), so that the branch edges run straight.
  const sizes = new Map(nodes.map((node) => [node.id, baseSize(node)] as const));
  const sourcePort = new Map<string, string>(); // edge id -> port its source end uses
  const targetPort = new Map<string, string>(); // edge id -> port its target end uses
  const portsOf = new Map<string, ElkPort[]>();
  const barPorts = (bar: FlowNode, branchEdges: FlowEdge[], branchEnd: 'source' | 'target', side: 'NORTH' | 'SOUTH') => {
    const widths = branchEdges.map((edge) => sizes.get(edge[branchEnd === 'source' ? 'target' : 'source'])?.width ?? 0);
    const span = widths.reduce((a, b) => a + b, 0) + NODE_SPACING * Math.max(0, widths.length - 1);
    const base = sizes.get(bar.id)!;
    const width = Math.max(base.width, span);
    const inset = (width - span) / 2;
    const ports: ElkPort[] = [];
    let x = inset;
    branchEdges.forEach((edge, i) => {
      const id = `${bar.id}::${i}`;
      ports.push({ id, x: x + widths[i]! / 2, y: side === 'SOUTH' ? base.height : 0, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } });
      (branchEnd === 'source' ? sourcePort : targetPort).set(edge.id, id);
      x += widths[i]! + NODE_SPACING;
    });
    const other = side === 'SOUTH' ? 'NORTH' : 'SOUTH';
    const centre: ElkPort = {
      id: `${bar.id}::${other === 'NORTH' ? 'in' : 'out'}`,
      x: width / 2,
      y: other === 'SOUTH' ? base.height : 0,
      width: 0,
      height: 0,
      layoutOptions: { 'elk.port.side': other },
    };
    for (const edge of edges) {
      if (branchEnd === 'source' && edge.target === bar.id) targetPort.set(edge.id, centre.id);
      if (branchEnd === 'target' && edge.source === bar.id) sourcePort.set(edge.id, centre.id);
    }
    sizes.set(bar.id, { width, height: base.height });
    portsOf.set(bar.id, side === 'SOUTH' ? [centre, ...ports] : [...ports, centre]);
  };
  for (const node of nodes) {
    if (node.type === 'fork')
      barPorts(
        node,
        edges.filter((e) => e.source === node.id),
        'source',
        'SOUTH',
      );
    else if (node.type === 'join') barPorts(node, joinEdgesInBranchOrder(node.id, nodes, edges), 'target', 'NORTH');
  }

  // A decision diamond takes its edges at its tips: fixed ports at the top and bottom corners.
  const children: ElkNode[] = nodes.map((node) => {
    const size = sizes.get(node.id)!;
    const child: ElkNode = { id: node.id, width: size.width, height: size.height };
    if (node.type === 'decision') {
      const ports: ElkPort[] = [
        { id: `${node.id}::in`, x: size.width / 2, y: 0, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'NORTH' } },
        { id: `${node.id}::out`, x: size.width / 2, y: size.height, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'SOUTH' } },
      ];
      portsOf.set(node.id, ports);
      for (const edge of edges) {
        if (edge.target === node.id) targetPort.set(edge.id, ports[0]!.id);
        if (edge.source === node.id) sourcePort.set(edge.id, ports[1]!.id);
      }
    }
    const ports = portsOf.get(node.id);
    if (ports) {
      child.ports = ports;
      child.layoutOptions = { 'elk.portConstraints': 'FIXED_POS' };
    }
    return child;
  });

  const elkEdges: ElkExtendedEdge[] = edges.map((edge) => {
    const elkEdge: ElkExtendedEdge = {
      id: edge.id,
      sources: [sourcePort.get(edge.id) ?? edge.source],
      targets: [targetPort.get(edge.id) ?? edge.target],
      // Keep the main line straight; a 不予受理 edge may bend.
      layoutOptions: { 'elk.layered.priority.straightness': edge.reject || edge.label ? '0' : '10' },
    };
    if (edge.label) {
      const label: ElkLabel = {
        id: `${edge.id}::label`,
        text: edge.label,
        width: textWidth(edge.label, S.edgeFont) + 8,
        height: S.edgeFont + 6,
        layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' },
      };
      elkEdge.labels = [label];
    }
    return elkEdge;
  });

  const graph: ElkNode = { id: '__root', layoutOptions: LAYOUT_OPTIONS, children, edges: elkEdges };
  const result = await elk().layout(graph);

  const laidNodes: Laid[] = (result.children ?? []).map((child) => ({
    node: plan.nodes[child.id]!,
    x: child.x ?? 0,
    y: child.y ?? 0,
    width: child.width ?? 0,
    height: child.height ?? 0,
  }));
  const byEdgeId = new Map(edges.map((edge) => [edge.id, edge] as const));
  const laidEdges: LaidEdge[] = ((result.edges ?? []) as ElkExtendedEdge[]).map((elkEdge) => ({
    edge: byEdgeId.get(elkEdge.id)!,
    points: (elkEdge.sections ?? []).map((section) => [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]),
    labels: (elkEdge.labels ?? []).map((label) => ({
      text: label.text ?? '',
      x: label.x ?? 0,
      y: label.y ?? 0,
      width: label.width ?? 0,
      height: label.height ?? 0,
    })),
  }));
  return { nodes: laidNodes, edges: laidEdges, width: result.width ?? 0, height: result.height ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// SVG

function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${n(x)}" y="${n(y)}" ${attrs}>${escapeXml(content)}</text>`;
}

function drawNode(laid: Laid, state: NodeState): string {
  const { node, width: w, height: h } = laid;
  const cls = ['node', node.type, ...(state ? [state] : [])].join(' ');
  const open = `<g class="${cls}" data-node-id="${escapeXml(node.id)}" transform="translate(${n(laid.x)},${n(laid.y)})">`;
  const strokeOf = (normal: string) => (state === 'current' ? C.currentStroke : normal);
  const strokeWidth = state === 'current' ? 2.5 : 1.5;
  const fillOf = (normal: string) => (state === 'current' ? C.currentFill : state === 'done' ? C.doneFill : normal);
  const parts: string[] = [open];
  switch (node.type) {
    case 'task': {
      const [name, actor, limit] = taskLines(node);
      parts.push(`<rect width="${n(w)}" height="${n(h)}" rx="4" fill="${fillOf(C.taskFill)}" stroke="${strokeOf(C.stroke)}" stroke-width="${strokeWidth}"/>`);
      const [l1, l2, l3] = S.taskLineHeights;
      let y = S.taskPadY;
      parts.push(text(w / 2, y + l1 - 5, name, `class="name" font-size="${S.nameFont}" font-weight="bold" fill="${C.text}"`));
      y += l1;
      parts.push(text(w / 2, y + l2 - 4, actor, `class="actor" font-size="${S.smallFont}" fill="${C.subText}"`));
      y += l2;
      parts.push(text(w / 2, y + l3 - 4, limit, `class="limit" font-size="${S.smallFont}" fill="${C.subText}"`));
      break;
    }
    case 'start':
    case 'end':
      parts.push(
        `<rect width="${n(w)}" height="${n(h)}" rx="${n(h / 2)}" fill="${fillOf(C.pillFill)}" stroke="${strokeOf(C.stroke)}" stroke-width="${strokeWidth}"/>`,
      );
      parts.push(text(w / 2, h / 2 + 5, nodeLabel(node), `font-size="${S.nameFont}" fill="${C.text}"`));
      break;
    case 'fork':
    case 'join': {
      const fill = state === 'current' ? C.currentBar : state === 'done' ? C.doneBar : C.barFill;
      parts.push(`<rect width="${n(w)}" height="${n(h)}" rx="3" fill="${fill}"/>`);
      parts.push(text(w / 2, h / 2 + 4, nodeLabel(node), `font-size="${S.smallFont}" font-weight="bold" fill="${C.barText}"`));
      break;
    }
    case 'decision':
      parts.push(
        `<polygon points="${n(w / 2)},0 ${n(w)},${n(h / 2)} ${n(w / 2)},${n(h)} 0,${n(h / 2)}" fill="${fillOf(C.diamondFill)}" stroke="${strokeOf(C.stroke)}" stroke-width="${strokeWidth}"/>`,
      );
      parts.push(text(w / 2, h / 2 + 5, nodeLabel(node), `font-size="${S.nameFont}" font-weight="bold" fill="${C.text}"`));
      break;
  }
  parts.push('</g>');
  return parts.join('');
}

function drawEdge(laid: LaidEdge, markerIds: { normal: string; reject: string }): string {
  const { edge } = laid;
  const colour = edge.reject ? C.rejectEdge : C.edge;
  const parts: string[] = [
    `<g class="edge${edge.reject ? ' reject' : ''}" data-edge-id="${escapeXml(edge.id)}" data-source="${escapeXml(edge.source)}" data-target="${escapeXml(edge.target)}">`,
  ];
  laid.points.forEach((points, i) => {
    const d = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${n(p.x)},${n(p.y)}`).join(' ');
    const last = i === laid.points.length - 1;
    parts.push(
      `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"${edge.reject ? ' stroke-dasharray="6 4"' : ''}${
        last ? ` marker-end="url(#${edge.reject ? markerIds.reject : markerIds.normal})"` : ''
      }/>`,
    );
  });
  for (const label of laid.labels) {
    parts.push(
      `<rect class="edge-label-bg" x="${n(label.x)}" y="${n(label.y)}" width="${n(label.width)}" height="${n(label.height)}" rx="2" fill="#ffffff" fill-opacity="0.9"/>`,
    );
    parts.push(text(label.x + label.width / 2, label.y + label.height / 2 + 4, label.text, `class="edge-label" font-size="${S.edgeFont}" fill="${colour}"`));
  }
  parts.push('</g>');
  return parts.join('');
}

/** The 办理流程图 of a plan as a standalone SVG document (UTF-8 string). */
export async function renderFlowchartSvg(plan: FlowPlan, options?: FlowchartOptions): Promise<string> {
  const { nodes, edges, width, height } = await layout(plan);
  const current = new Set(options?.highlight?.current ?? []);
  const done = new Set(options?.highlight?.done ?? []);
  const stateOf = (id: string): NodeState => (current.has(id) ? 'current' : done.has(id) ? 'done' : null);

  const title = plan.name || plan.definition.name;
  const titleWidth = textWidth(title, S.titleFont);
  const contentWidth = Math.max(width, titleWidth);
  const totalWidth = Math.ceil(contentWidth + 2 * S.margin);
  const totalHeight = Math.ceil(height + S.titleHeight + 2 * S.margin);
  const offsetX = S.margin + (contentWidth - width) / 2;
  const offsetY = S.margin + S.titleHeight;

  // Marker ids are unique per plan so that several charts can be inlined in one page.
  const suffix = (plan.hash ?? '')
    .replace(/^sha256:/, '')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 12);
  const markerIds = { normal: `fc-arrow${suffix ? `-${suffix}` : ''}`, reject: `fc-arrow-reject${suffix ? `-${suffix}` : ''}` };
  const marker = (id: string, colour: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" viewBox="0 0 ${totalWidth} ${totalHeight}" width="${totalWidth}" height="${totalHeight}" font-family="${FONT_FAMILY}" text-anchor="middle">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${marker(markerIds.normal, C.edge)}${marker(markerIds.reject, C.rejectEdge)}</defs>`,
    `<rect class="background" width="${totalWidth}" height="${totalHeight}" fill="#ffffff"/>`,
    text(totalWidth / 2, S.margin + S.titleFont, title, `class="title" font-size="${S.titleFont}" font-weight="bold" fill="${C.text}"`),
    `<g class="chart" transform="translate(${n(offsetX)},${n(offsetY)})">`,
    '<g class="edges">',
    ...edges.map((edge) => drawEdge(edge, markerIds)),
    '</g>',
    '<g class="nodes">',
    ...nodes.map((laid) => drawNode(laid, stateOf(laid.node.id))),
    '</g>',
    '</g>',
    '</svg>\n',
  ];
  return out.join('');
}
