import type { DiscretionBenchmark, ItemDraft } from '#domain';
import { Workbook } from 'exceljs';
import { readCatalogWorkbook, type SheetItem, writeCatalogWorkbook } from './item-sheet';

// ---------------------------------------------------------------------------------------------------
// Factories

const common = {
  subjectNature: 'statutory',
  handlingUnit: '龙湾区安全生产监督管理局执法大队',
  place: '龙湾区永中街道永宁西路 安监局执法大队',
  phone: '0577-86969036',
  supervisionPhone: '0577-86966110',
} as const;

function makeApproval(overrides: Partial<ItemDraft> = {}): ItemDraft {
  return {
    ...common,
    typeCode: 'XK',
    name: '危险化学品经营许可证核发',
    legalBasis: [
      { document: '《危险化学品安全管理条例》', article: '第三十三条', text: '国家对危险化学品经营（包括仓储经营）实行许可制度。' },
      {
        document: '《中华人民共和国行政许可法》',
        article: '第十二条第一款第（三）项',
        text: '下列事项可以设定行政许可：\n（三）提供公众服务并且直接关系公共利益的职业、行业。',
      },
      { document: '《危险化学品经营许可证管理办法》', article: '第五条' },
      { document: '《温州市人民政府关于深化行政审批制度改革的若干意见》', text: '推行审批代办服务：限时办结。' },
      { document: '《浙江省行政许可监督检查办法》' },
    ],
    entrustingBody: null,
    basicCode: '330217001000',
    implementationCode: null,
    approval: {
      conditions: '有符合国家标准的经营场所；\n从业人员经过专业技术培训并经考核合格。',
      materials: [
        { name: '危险化学品经营许可证申请书', copies: '原件1份', required: true },
        { name: '经营场所产权证明或租赁合同', required: true, note: '租赁的须提供：\n出租方产权证明' },
        { name: '安全评价报告', copies: '原件1份', required: false, note: '带有储存设施的经营单位提供' },
      ],
      legalPeriodDays: 30,
      promisedPeriodDays: 15,
      fee: {
        free: false,
        items: [
          { name: '工本费', standard: '每证10元', basis: '浙价费〔2012〕100号' },
          { name: '审查费', standard: '每次200元', basis: '浙财综〔2012〕3号' },
        ],
      },
      forms: [
        { name: '危险化学品经营许可证申请书', url: '/forms/hazchem-licence.docx' },
        { name: '申请书填写范例', url: 'https://example.gov.cn/forms/sample.pdf?a=1&b=2' },
      ],
    },
    ...overrides,
  };
}

const BENCHMARK: DiscretionBenchmark = {
  rules: [
    {
      id: 'R1',
      level: '不予处罚',
      circumstance: '初次违法，危害后果轻微并及时改正',
      when: { firstOffence: true, harm: ['none', 'minor'], correctedInTime: true },
      kinds: [],
    },
    {
      id: 'R2',
      level: '从轻处罚',
      circumstance: '违法所得不足一万元',
      when: { amount: { max: 10000 } },
      kinds: ['警告', '罚款'],
      fine: { kind: 'fixed', min: 0, max: 5000 },
    },
    {
      id: 'R3',
      level: '一般处罚',
      circumstance: '违法所得一万元以上',
      when: { harm: ['general'], amount: { min: 10000 } },
      kinds: ['罚款', '没收违法所得'],
      fine: { kind: 'multiple', basis: 'illegalIncome', minTimes: 1, maxTimes: 3 },
    },
    {
      id: 'R4',
      level: '从重处罚',
      circumstance: '造成严重危害后果',
      when: { harm: ['serious'] },
      kinds: ['罚款', '责令停产停业'],
      fine: { kind: 'multiple', basis: 'goodsValue', minTimes: 2.5, maxTimes: 5 },
    },
  ],
};

function makePenalty(overrides: Partial<ItemDraft> = {}): ItemDraft {
  return {
    ...common,
    typeCode: 'CF',
    name: '未按规定设置安全生产管理机构或者配备安全生产管理人员的处罚',
    legalBasis: [
      { document: '《中华人民共和国安全生产法》', article: '第八十二条', text: '责令限期改正；逾期未改正的，责令停产停业整顿，可以并处二万元以下的罚款。' },
    ],
    subjectNature: 'entrusted',
    entrustingBody: '龙湾区安全生产监督管理局（行政机关）',
    penalty: {
      penaltyKinds: ['警告', '罚款', '没收违法所得', '责令停产停业'],
      discretion: BENCHMARK,
      resultsPublic: true,
    },
    ...overrides,
  };
}

function makeCoercion(overrides: Partial<ItemDraft> = {}): ItemDraft {
  return {
    ...common,
    typeCode: 'QZ',
    name: '对不符合国家标准或者行业标准的设施、设备、器材予以查封或者扣押',
    legalBasis: [{ document: '《中华人民共和国安全生产法》', article: '第五十六条' }],
    subjectNature: 'authorized',
    coercion: { coercionKind: 'measure', measures: ['查封设施、设备、器材', '扣押设施、设备、器材'] },
    ...overrides,
  };
}

function makeReward(overrides: Partial<ItemDraft> = {}): ItemDraft {
  return {
    ...common,
    typeCode: 'JL',
    name: '安全生产举报奖励',
    legalBasis: [{ document: '《安全生产领域举报奖励办法》', article: '第二条', text: '任何单位、组织和个人有权举报重大事故隐患和安全生产违法行为。' }],
    reward: { effectiveDate: '2013-07-01', expiryDate: '2018-12-31', promisedPeriodDays: 20, resultsPublic: false },
    ...overrides,
  };
}

/** The DTO treats a missing property, undefined and null alike; so does the comparison. */
function normalise(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v === null ? undefined : v)));
}

async function roundTrip(items: SheetItem[]) {
  return readCatalogWorkbook(await writeCatalogWorkbook(items, '龙湾区行政职权事项目录'));
}

async function load(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const HEADERS = {
  行政审批类: [
    '事项编码',
    '事项类型',
    '事项名称',
    '行使依据',
    '办理主体性质',
    '委托组织',
    '受理条件',
    '申报资料',
    '法定期限（工作日）',
    '承诺期限（工作日）',
    '收费及依据标准',
    '办理部门',
    '办理地点',
    '联系电话',
    '服务表格',
    '监督电话',
    '基本编码',
    '实施编码',
    '业务办理项编码',
  ],
  行政处罚类: [
    '事项编码',
    '事项名称',
    '法律依据',
    '实施主体性质',
    '委托组织',
    '处罚种类',
    '自由裁量基准',
    '办理部门',
    '办公地点',
    '联系电话',
    '监督电话',
    '处罚结果有无公开',
    '基本编码',
    '实施编码',
    '业务办理项编码',
  ],
  行政强制类: [
    '事项编码',
    '事项名称',
    '行使依据',
    '实施主体性质',
    '委托组织',
    '强制种类',
    '强制措施',
    '办理部门',
    '办理地点',
    '联系电话',
    '监督电话',
    '基本编码',
    '实施编码',
    '业务办理项编码',
  ],
  行政奖励类: [
    '事项编码',
    '事项名称',
    '奖励依据',
    '实施主体性质',
    '委托组织',
    '生效时间',
    '失效时间',
    '承诺时限（工作日）',
    '办理地点',
    '联系电话',
    '监督电话',
    '奖励结果有无公开',
    '办理部门',
    '基本编码',
    '实施编码',
    '业务办理项编码',
  ],
};
type SheetName = keyof typeof HEADERS;

/** A workbook as a department might fill it in by hand: values keyed by header, missing ones blank. */
async function handMade(sheets: Partial<Record<SheetName, (Record<string, unknown> | null)[]>>, extra: string[] = []) {
  const workbook = new Workbook();
  for (const name of extra) workbook.addWorksheet(name).addRow(['随便写的', '内容']);
  for (const [name, rows] of Object.entries(sheets) as [SheetName, (Record<string, unknown> | null)[]][]) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(HEADERS[name]);
    for (const row of rows) sheet.addRow(row ? HEADERS[name].map((header) => row[header] ?? null) : []);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const PENALTY_ROW = {
  事项编码: '33030300AJ-CF-0003',
  事项名称: '未按规定配备安全生产管理人员的处罚',
  法律依据: '《中华人民共和国安全生产法》第八十二条',
  实施主体性质: '法定机关',
  处罚种类: '警告、罚款',
  自由裁量基准: '{"rules": []}',
  办理部门: '执法大队',
  办公地点: '永宁西路',
  联系电话: '0577-86969036',
  监督电话: '0577-86966110',
  处罚结果有无公开: '是',
};

// ---------------------------------------------------------------------------------------------------

describe('writeCatalogWorkbook and readCatalogWorkbook', () => {
  it('gives back every item of the four families unchanged', async () => {
    const items: SheetItem[] = [
      { code: '33030300AJ-XK-0001', item: makeApproval() },
      {
        code: '33030300AJ-DL-0001',
        item: makeApproval({
          typeCode: 'DL',
          name: '代办',
          approval: { ...makeApproval().approval!, fee: { free: true, items: [] }, forms: [], materials: [] },
        }),
      },
      { code: '33030300AJ-CF-0003', item: makePenalty() },
      { code: '33030300AJ-QZ-0001', item: makeCoercion() },
      { code: '33030300AJ-QZ-0002', item: makeCoercion({ name: '加处罚款', coercion: { coercionKind: 'execution', measures: ['加处罚款'] } }) },
      { code: '33030300AJ-JL-0001', item: makeReward() },
      {
        code: '33030300AJ-JL-0002',
        item: makeReward({
          name: '安全生产先进单位表彰',
          reward: { effectiveDate: '2014-01-01', expiryDate: null, promisedPeriodDays: 30, resultsPublic: true },
        }),
      },
    ];

    const { rows, problems } = await roundTrip(items);

    expect(problems).toEqual([]);
    expect(rows.map((row) => [row.sheet, row.rowNumber, row.code])).toEqual([
      ['行政审批类', 2, '33030300AJ-XK-0001'],
      ['行政审批类', 3, '33030300AJ-DL-0001'],
      ['行政处罚类', 2, '33030300AJ-CF-0003'],
      ['行政强制类', 2, '33030300AJ-QZ-0001'],
      ['行政强制类', 3, '33030300AJ-QZ-0002'],
      ['行政奖励类', 2, '33030300AJ-JL-0001'],
      ['行政奖励类', 3, '33030300AJ-JL-0002'],
    ]);
    const byCode = new Map(items.map(({ code, item }) => [code, item]));
    for (const row of rows) expect(normalise(row.item)).toEqual(normalise(byCode.get(row.code!)));
  });

  it('reads back legal bases whose document or article the plain syntax cannot carry', async () => {
    const legalBasis = [
      { document: '《某某条例》', article: '第十条之一', text: '条文：含冒号【和括号】' },
      { document: '某某规定第十条' },
      { document: '国务院令第412号', article: '第五条' },
      { document: '《某某办法》', article: '附件二' },
      { document: '《某某规定》', text: '第一款内容\n　　第二款内容\n\n第三款内容' },
    ];
    const item = makeApproval({ legalBasis });

    const buffer = await writeCatalogWorkbook([{ code: '33030300AJ-XK-0001', item }], '目录');
    const { rows, problems } = await readCatalogWorkbook(buffer);

    expect(problems).toEqual([]);
    expect(normalise(rows[0].item.legalBasis)).toEqual(legalBasis);
    const cell = (await load(buffer)).getWorksheet('行政审批类')!.getCell('D2').value as string;
    expect(cell.split('\n').slice(0, 4)).toEqual([
      '《某某条例》【第十条之一】：条文：含冒号【和括号】',
      '某某规定第十条【】',
      '国务院令第412号第五条',
      '《某某办法》【附件二】',
    ]);
  });

  it('writes the cell syntax of the guide', async () => {
    const buffer = await writeCatalogWorkbook([{ code: '33030300AJ-XK-0001', item: makeApproval() }], '目录');
    const sheet = (await load(buffer)).getWorksheet('行政审批类')!;
    const byHeader = (header: string) => sheet.getRow(2).getCell(HEADERS.行政审批类.indexOf(header) + 1).value;

    expect(byHeader('事项类型')).toBe('XK');
    expect(byHeader('办理主体性质')).toBe('法定机关');
    expect(byHeader('行使依据')).toBe(
      '《危险化学品安全管理条例》第三十三条：国家对危险化学品经营（包括仓储经营）实行许可制度。\n' +
        '《中华人民共和国行政许可法》第十二条第一款第（三）项：下列事项可以设定行政许可：\n' +
        '　（三）提供公众服务并且直接关系公共利益的职业、行业。\n' +
        '《危险化学品经营许可证管理办法》第五条\n' +
        '《温州市人民政府关于深化行政审批制度改革的若干意见》：推行审批代办服务：限时办结。\n' +
        '《浙江省行政许可监督检查办法》',
    );
    expect(byHeader('申报资料')).toBe(
      '危险化学品经营许可证申请书｜原件1份｜必需｜\n经营场所产权证明或租赁合同｜｜必需｜租赁的须提供：\n　出租方产权证明\n安全评价报告｜原件1份｜可选｜带有储存设施的经营单位提供',
    );
    expect(byHeader('收费及依据标准')).toBe('工本费｜每证10元｜浙价费〔2012〕100号\n审查费｜每次200元｜浙财综〔2012〕3号');
    expect(byHeader('法定期限（工作日）')).toBe(30);
    expect(byHeader('实施编码')).toBeNull();
  });

  it('writes every sheet with its 附件1 headers, bold and frozen, even without items, and the guide', async () => {
    const workbook = await load(await writeCatalogWorkbook([], '龙湾区行政职权事项目录'));

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['行政审批类', '行政处罚类', '行政强制类', '行政奖励类', '填写说明']);
    for (const name of Object.keys(HEADERS) as SheetName[]) {
      const sheet = workbook.getWorksheet(name)!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS[name]);
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.actualRowCount).toBe(1);
    }
    const guide = workbook.getWorksheet('填写说明')!;
    expect(guide.getCell('A1').value).toBe('龙湾区行政职权事项目录');
    const explained = guide.getColumn(1).values.map(String).join('\n');
    for (const column of ['行使依据', '申报资料', '收费及依据标准', '服务表格', '处罚种类', '自由裁量基准', '强制措施']) {
      expect(explained).toContain(column);
    }
    expect(await readCatalogWorkbook(await writeCatalogWorkbook([], 'x'))).toEqual({ rows: [], problems: [] });
  });
});

describe('readCatalogWorkbook on a workbook filled in by hand', () => {
  it('names the sheet, row and column of a 申报资料 line with the wrong number of parts', async () => {
    const buffer = await handMade({
      行政审批类: [
        {
          事项类型: 'XK',
          事项名称: '企业设立登记',
          申报资料: '公司登记申请书｜原件1份｜必需｜\n公司章程｜原件1份',
          收费及依据标准: '不收费',
        },
      ],
    });

    const { rows, problems } = await readCatalogWorkbook(buffer);

    expect(problems).toEqual([{ sheet: '行政审批类', row: 2, column: '申报资料', rule: 'format', message: expect.stringContaining('第2项') }]);
    // The raw text stays, so that DTO validation cannot pass the row either.
    expect(rows[0].item.approval).toMatchObject({ materials: '公司登记申请书｜原件1份｜必需｜\n公司章程｜原件1份', fee: { free: true, items: [] } });
  });

  it('reports a 是/否 cell with another value, an unknown subject nature and a material neither 必需 nor 可选', async () => {
    const buffer = await handMade({
      行政处罚类: [{ ...PENALTY_ROW, 处罚结果有无公开: '有', 实施主体性质: '法定行政机关' }],
      行政审批类: [{ 事项类型: 'XK', 事项名称: '登记', 申报资料: '公司章程｜原件1份｜需要｜' }],
    });

    const { rows, problems } = await readCatalogWorkbook(buffer);

    expect(problems.map(({ sheet, row, column, rule }) => ({ sheet, row, column, rule }))).toEqual([
      { sheet: '行政审批类', row: 2, column: '申报资料', rule: 'format' },
      { sheet: '行政处罚类', row: 2, column: '实施主体性质', rule: 'format' },
      { sheet: '行政处罚类', row: 2, column: '处罚结果有无公开', rule: 'format' },
    ]);
    const penalty = rows.find((row) => row.sheet === '行政处罚类')!.item;
    expect(penalty).toMatchObject({ typeCode: 'CF', subjectNature: '法定行政机关', penalty: { resultsPublic: '有' } });
  });

  it('reports malformed discretion JSON and a fee line without its parts', async () => {
    const buffer = await handMade({
      行政处罚类: [{ ...PENALTY_ROW, 自由裁量基准: '{"rules": [}' }],
      行政审批类: [{ 事项类型: 'SP', 事项名称: '审批', 收费及依据标准: '收费' }],
    });

    const { problems } = await readCatalogWorkbook(buffer);

    expect(problems.map(({ sheet, column, rule }) => [sheet, column, rule])).toEqual([
      ['行政审批类', '收费及依据标准', 'format'],
      ['行政处罚类', '自由裁量基准', 'format'],
    ]);
  });

  it('gives one no-sheets problem for a workbook without any of the four sheets', async () => {
    const buffer = await handMade({}, ['Sheet1']);

    expect(await readCatalogWorkbook(buffer)).toEqual({
      rows: [],
      problems: [{ sheet: '', row: 0, column: '', rule: 'no-sheets', message: expect.any(String) }],
    });
  });

  it('skips empty rows, ignores unknown sheets and keeps Excel row numbers', async () => {
    const buffer = await handMade({ 行政处罚类: [null, PENALTY_ROW, { 事项名称: '   ' }, null, { ...PENALTY_ROW, 事项编码: null, 事项名称: '第二项' }] }, [
      '封面',
    ]);

    const { rows, problems } = await readCatalogWorkbook(buffer);

    expect(problems).toEqual([]);
    expect(rows.map(({ sheet, rowNumber, code }) => ({ sheet, rowNumber, code }))).toEqual([
      { sheet: '行政处罚类', rowNumber: 3, code: '33030300AJ-CF-0003' },
      { sheet: '行政处罚类', rowNumber: 6, code: undefined },
    ]);
    expect('code' in rows[1]).toBe(false);
  });

  it('leaves values that parse but are wrong to DTO validation, typed where the cell allows', async () => {
    const buffer = await handMade({
      行政审批类: [
        {
          事项类型: 'xk',
          事项名称: '登记',
          办理主体性质: '受委托组织',
          '法定期限（工作日）': '20',
          '承诺期限（工作日）': '三天',
          联系电话: 86969012,
          行使依据: '',
        },
      ],
      行政处罚类: [{ ...PENALTY_ROW, 处罚种类: '警告，罚款\n拘役' }],
      行政奖励类: [
        {
          事项名称: '奖励',
          奖励依据: '《办法》',
          生效时间: new Date(Date.UTC(2013, 6, 1)),
          失效时间: new Date('2018-12-31T00:00:00+08:00'),
          '承诺时限（工作日）': 15,
          奖励结果有无公开: '否',
        },
      ],
    });

    const { rows, problems } = await readCatalogWorkbook(buffer);

    expect(problems).toEqual([]);
    const [approval, penalty, reward] = rows.map((row) => row.item);
    expect(approval).toEqual({
      typeCode: 'XK',
      name: '登记',
      subjectNature: 'entrusted',
      legalBasis: [],
      phone: '86969012',
      approval: { materials: [], forms: [], legalPeriodDays: 20, promisedPeriodDays: '三天' },
    });
    expect(penalty.penalty).toMatchObject({ penaltyKinds: ['警告', '罚款', '拘役'] });
    expect(reward.reward).toEqual({ effectiveDate: '2013-07-01', expiryDate: '2018-12-31', promisedPeriodDays: 15, resultsPublic: false });
  });

  it('flags an item typed into the sheet of another family', async () => {
    const buffer = await handMade({ 行政审批类: [{ 事项类型: 'CF', 事项名称: '处罚' }] });

    const { problems } = await readCatalogWorkbook(buffer);

    expect(problems).toEqual([{ sheet: '行政审批类', row: 2, column: '事项类型', rule: 'type-not-in-sheet', message: expect.stringContaining('行政处罚类') }]);
  });

  it('reports a renamed column once, on the header row', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('行政强制类');
    sheet.addRow(HEADERS.行政强制类.map((header) => (header === '强制措施' ? '措施' : header)));
    sheet.addRow(['33030300AJ-QZ-0001', '查封', '《法》', '法定机关', null, '行政强制措施', '查封']);
    sheet.addRow(['33030300AJ-QZ-0002', '扣押', '《法》', '法定机关', null, '行政强制措施', '扣押']);

    const { rows, problems } = await readCatalogWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));

    expect(problems).toEqual([{ sheet: '行政强制类', row: 1, column: '强制措施', rule: 'missing-column', message: expect.any(String) }]);
    expect(rows).toHaveLength(2);
  });

  it('rejects a buffer that is not an xlsx file', async () => {
    await expect(readCatalogWorkbook(Buffer.from('not a workbook'))).rejects.toThrow();
  });
});
