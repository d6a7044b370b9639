import { type ItemDraft, parseItemCode } from '#domain';
import type { DataSource } from 'typeorm';
import { CatalogRepository } from '../repositories/catalog.repository';

const LONGWAN_SUPERVISION = '0577-86966110';

const common = {
  subjectNature: 'statutory',
  supervisionPhone: LONGWAN_SUPERVISION,
} as const;

/** A few real-looking items of 龙湾区 departments, with the codes the 附件2 examples use. */
export const DEMO_ITEMS: { code: string; item: ItemDraft }[] = [
  {
    code: '33030300GS-XK-0001',
    item: {
      ...common,
      typeCode: 'XK',
      name: '企业设立登记',
      legalBasis: [
        { document: '《中华人民共和国公司法》', article: '第六条', text: '设立公司，应当依法向公司登记机关申请设立登记。' },
        {
          document: '《中华人民共和国公司登记管理条例》',
          article: '第三条',
          text: '公司经公司登记机关依法登记，领取《企业法人营业执照》，方取得企业法人资格。',
        },
      ],
      handlingUnit: '龙湾区工商行政管理分局注册登记科',
      place: '龙湾区行政审批服务中心二楼工商窗口',
      phone: '0577-86969012',
      basicCode: '330217001000',
      approval: {
        conditions: '申请人符合《公司法》规定的设立条件，名称已经预先核准。',
        materials: [
          { name: '公司登记（备案）申请书', copies: '原件1份', required: true },
          { name: '公司章程', copies: '原件1份', required: true },
          { name: '股东主体资格证明或自然人身份证件', copies: '复印件1份', required: true },
          { name: '企业名称预先核准通知书', copies: '原件1份', required: true },
          { name: '住所使用证明', copies: '复印件1份', required: true },
        ],
        legalPeriodDays: 15,
        promisedPeriodDays: 5,
        fee: { free: true, items: [] },
        forms: [{ name: '公司登记（备案）申请书', url: '/forms/company-registration.docx' }],
      },
    },
  },
  {
    code: '33030300GS-DL-0001',
    item: {
      ...common,
      typeCode: 'DL',
      name: '企业登记代办',
      legalBasis: [{ document: '《温州市人民政府关于深化行政审批制度改革的若干意见》', text: '推行审批代办服务。' }],
      handlingUnit: '龙湾区工商行政管理分局注册登记科',
      place: '龙湾区行政审批服务中心二楼代办窗口',
      phone: '0577-86969013',
      approval: {
        conditions: '申请人书面委托代办。',
        materials: [{ name: '代办委托书', copies: '原件1份', required: true }],
        legalPeriodDays: 20,
        promisedPeriodDays: 10,
        fee: { free: true, items: [] },
        forms: [],
      },
    },
  },
  {
    code: '33030300AJ-XK-0001',
    item: {
      ...common,
      typeCode: 'XK',
      name: '危险化学品经营许可证核发',
      legalBasis: [
        { document: '《危险化学品安全管理条例》', article: '第三十三条', text: '国家对危险化学品经营（包括仓储经营）实行许可制度。' },
        { document: '《危险化学品经营许可证管理办法》', article: '第五条' },
      ],
      handlingUnit: '龙湾区安全生产监督管理局危险化学品监管科',
      place: '龙湾区行政审批服务中心三楼安监窗口',
      phone: '0577-86969035',
      approval: {
        conditions: '有符合国家标准、行业标准的经营场所，从业人员经过专业技术培训并经考核合格，有健全的安全管理规章制度。',
        materials: [
          { name: '危险化学品经营许可证申请书', copies: '原件1份', required: true },
          { name: '经营场所产权证明或租赁合同', copies: '复印件1份', required: true },
          { name: '安全管理制度和岗位操作规程', copies: '原件1份', required: true },
          { name: '安全评价报告', copies: '原件1份', required: false, note: '带有储存设施的经营单位提供' },
        ],
        legalPeriodDays: 30,
        promisedPeriodDays: 15,
        fee: { free: true, items: [] },
        forms: [{ name: '危险化学品经营许可证申请书', url: '/forms/hazchem-licence.docx' }],
      },
    },
  },
  {
    code: '33030300AJ-XK-0002',
    item: {
      ...common,
      typeCode: 'XK',
      name: '烟花爆竹经营（批发）许可',
      legalBasis: [
        {
          document: '《烟花爆竹安全管理条例》',
          article: '第十九条',
          text: '申请从事烟花爆竹批发的企业，应当向所在地设区的市人民政府安全生产监督管理部门提出申请。',
        },
      ],
      handlingUnit: '龙湾区安全生产监督管理局危险化学品监管科（初审）',
      place: '龙湾区行政审批服务中心三楼安监窗口',
      phone: '0577-86969035',
      approval: {
        conditions: '具备企业法人条件，仓储设施符合国家标准，有相应的安全管理机构和人员。',
        materials: [
          { name: '烟花爆竹经营（批发）许可证申请书', copies: '原件1份', required: true },
          { name: '安全评价报告', copies: '原件1份', required: true },
          { name: '仓库产权证明', copies: '复印件1份', required: true },
        ],
        legalPeriodDays: 30,
        promisedPeriodDays: 20,
        fee: { free: true, items: [] },
        forms: [],
      },
    },
  },
  {
    code: '33030300AJ-CF-0003',
    item: {
      ...common,
      typeCode: 'CF',
      name: '未按规定设置安全生产管理机构或者配备安全生产管理人员的处罚',
      legalBasis: [
        { document: '《中华人民共和国安全生产法》', article: '第八十二条', text: '责令限期改正；逾期未改正的，责令停产停业整顿，可以并处二万元以下的罚款。' },
      ],
      handlingUnit: '龙湾区安全生产监督管理局执法大队',
      place: '龙湾区永中街道永宁西路 安监局执法大队',
      phone: '0577-86969036',
      penalty: {
        penaltyKinds: ['警告', '罚款', '责令停产停业'],
        resultsPublic: true,
        discretion: {
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
              circumstance: '逾期未改正，未造成危害后果',
              when: { harm: ['none', 'minor'] },
              kinds: ['警告', '罚款'],
              fine: { kind: 'fixed', min: 0, max: 5000 },
            },
            {
              id: 'R3',
              level: '一般处罚',
              circumstance: '逾期未改正，造成一般危害后果',
              when: { harm: ['general'] },
              kinds: ['罚款', '责令停产停业'],
              fine: { kind: 'fixed', min: 5000, max: 15000 },
            },
            {
              id: 'R4',
              level: '从重处罚',
              circumstance: '逾期未改正，造成严重危害后果',
              when: { harm: ['serious'] },
              kinds: ['罚款', '责令停产停业'],
              fine: { kind: 'fixed', min: 15000, max: 20000 },
            },
          ],
        },
      },
    },
  },
  {
    code: '33030300AJ-QZ-0001',
    item: {
      ...common,
      typeCode: 'QZ',
      name: '对有根据认为不符合保障安全生产的国家标准或者行业标准的设施、设备、器材予以查封或者扣押',
      legalBasis: [{ document: '《中华人民共和国安全生产法》', article: '第五十六条' }],
      handlingUnit: '龙湾区安全生产监督管理局执法大队',
      place: '龙湾区永中街道永宁西路 安监局执法大队',
      phone: '0577-86969036',
      coercion: { coercionKind: 'measure', measures: ['查封设施、设备、器材', '扣押设施、设备、器材'] },
    },
  },
];

/** Idempotent: an item whose code exists is left as it is. */
export async function seedDemoItems(dataSource: DataSource): Promise<void> {
  const catalog = new CatalogRepository(dataSource);
  await catalog.transaction(async (manager) => {
    const subjects = await catalog.subjects(manager);
    for (const { code, item } of DEMO_ITEMS) {
      if (await catalog.findItemByCode(code, manager)) continue;
      const parsed = parseItemCode(code);
      if (!parsed.ok) throw new Error(`demo item code ${code} is invalid`);
      const department = subjects.departmentBySubject(parsed.value.subjectCode);
      if (!department) throw new Error(`demo item ${code}: no department ${parsed.value.subjectCode}`);
      await catalog.reserveSequence(manager, department.code, item.typeCode, parsed.value.sequence);
      await catalog.insertItem(manager, { draft: item, department, sequence: parsed.value.sequence, changeId: null });
    }
  });
}
