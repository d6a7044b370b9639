import type { DocumentCategory, KeyArea } from '#domain';
import type { DataSource } from 'typeorm';
import { PolicyDocumentEntity, PolicyInterpretationEntity } from '../entities/disclosure/policy-records.entity';
import { DisclosureRepository } from '../repositories/disclosure.repository';
import { OrgsRepository } from '../repositories/orgs.repository';
import { UsersRepository } from '../repositories/users.repository';

interface DemoDocument {
  docNumber: string | null;
  title: string;
  issuerCode: string;
  category: DocumentCategory;
  keyArea: KeyArea | null;
  writtenDate: string;
  publishedAt: string | null;
  body: string;
  repealed?: { at: string; reason: string };
  /** A draft out for public comment from the seeding day, for this many days. */
  commentDays?: number;
}

/**
 * Demo policy documents of 龙湾区 and 温州市 (2013–2016 flavour, invented numbers except the founding
 * document 温政办〔2013〕106号, whose text is quoted): one per key area at least, a repealed one and a
 * draft out for public comment. Seeded by the disclosure office's account; idempotent by number and title.
 */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    docNumber: '温政办〔2013〕106号',
    title: '温州市人民政府办公室关于印发《温州市依托电子政务平台加强县级政府政务公开和政务服务实施指南》的通知',
    issuerCode: '33030000ZF',
    category: '政府文件',
    keyArea: null,
    writtenDate: '2013-07-03',
    publishedAt: '2013-07-05T09:00:00+08:00',
    body: '各县（市、区）人民政府：\n为贯彻落实党中央、国务院和省委、省政府关于深化政务公开和加强政务服务的要求，按照全国政务公开领导小组和省政府的统一部署，去年我市在龙湾区开展了依托电子政务平台加强县级政府政务公开和政务服务全国试点工作，并取得良好成效。在试点基础上，经市人民政府同意，现将《温州市依托电子政务平台加强县级政府政务公开和政务服务实施指南》印发给你们，请结合实际认真组织实施。\n温州市人民政府办公室\n2013年7月3日\n温州市依托电子政务平台加强县级政府政务公开和政务服务实施指南\n为指导各地开展依托电子政务平台加强县级政府政务公开和政务服务工作，按照《国务院办公厅转发全国政务公开领导小组关于开展依托电子政务平台加强县级政府政务公开和政务服务试点工作意见的通知》（国办函〔2011〕99号）和工信部、监察部、国家预防腐败局《关于印发<依托电子政务平台加强县级政府政务公开和政务服务实施指南>的通知》（工信部联信〔2011〕455号）有关要求，结合龙湾区试点成果，制定本实施指南。\n一、工作目标\n以服务社会公众为中心，建立覆盖县级各部门、各乡镇（街道）和社区（村）的统一电子政务平台，充分利用平台全面、准确发布政府信息公开事项，实时、规范办理主要行政职权和便民服务事项，实现网上政府信息公开、政务服务、电子监察三大功能，满足社会公众知情办事、行政机关高效办公、相关部门有效监督等方面的需求，推进行政权力运行程序化和公开透明，进一步提高县级政府政务公开和政务服务水平。\n二、主要内容\n（一）以政府门户网站为依托，进一步深化政府信息公开。认真落实《中华人民共和国政府信息公开条例》和《浙江省政府信息公开暂行办法》，充分发挥县级政府门户网站的作用，全面、及时、规范公开涉及群众切身利益、需要社会公众广泛知晓或者参与的政府信息。\n1.加大行政决策公开力度。各级政府和部门制定的所有可公开的不涉密政策性文件，都要通过政府网站公开发布。涉及群众切身利益的重大公共政策，要在政府网站公开征求意见。重要政策出台后，要及时通过政府网站、新闻媒体等渠道做好政策解读工作，并注重收集社会各方对政策实施情况的反应，为推进政策实施和完善政策提供依据。\n2.规范公开行政职权事项。按照职权法定、程序合法的原则，全面梳理规范行政许可、非行政许可的行政审批、行政处罚、行政征收、行政强制、行政给付、行政确认、行政裁决等各类行政职权，对没有合法依据的行政职权予以取消。将依法确定并审核确认的行政职权编入行政职权目录，明确每项行政职权的名称、内容、办理主体、依据、条件、期限和监督渠道。在优化运行流程基础上，针对每项行政职权编制“权力运行流程图”，在办理主体内部明确办理的岗位、权限、程序和时限等，为在电子政务平台上运行、开展电子监察打好基础。行政处罚事项要细化、量化裁量基准，明确裁量范围、种类和幅度。行政职权目录编制完成后，要在政府网站上以专栏形式予以公开（行政职权事项梳理规范要求见附件）。\n3.推进重点领域信息公开。按照《国务院办公厅关于印发2012年政府信息公开重点工作安排的通知》（国办发〔2012〕26号）、省纪委监察厅《关于深入推进“阳光工程”建设的意见》（浙纪发〔2012〕7号）等有关要求，积极推进财政预决算、财政专项资金、工程建设项目、保障性住房、环境保护、征地拆迁、食品安全、生产安全、招投标、教育招生、医疗服务、价格和收费等重点领域的信息公开。要在政府网站上设置相应的专题公开栏目，整合各部门的对外公开信息，加强信息的汇总和集中发布，加快信息更新频率，切实方便群众查询、获取政府信息。',
  },
  {
    docNumber: '龙政办〔2013〕58号',
    title: '龙湾区人民政府办公室关于做好2013年政府信息公开重点工作的通知',
    issuerCode: '33030300ZF',
    category: '政府文件',
    keyArea: null,
    writtenDate: '2013-08-12',
    publishedAt: '2013-08-15T10:00:00+08:00',
    body: '各街道办事处，区政府直属各单位：为贯彻落实温政办〔2013〕106号文件精神，进一步推进财政预决算、保障性住房、食品安全、环境保护等重点领域信息公开，现将有关事项通知如下。一、各单位要在区政府门户网站设置专题公开栏目，整合对外公开信息，加快信息更新频率。二、涉及群众切身利益的重大公共政策，要在政府网站公开征求意见，征求意见期一般不少于30日。三、重要政策出台后，起草部门要同步做好政策解读工作。四、区政府办公室将对各单位信息公开情况进行季度通报。',
  },
  {
    docNumber: '龙财〔2014〕12号',
    title: '龙湾区财政局关于公开2014年区级部门预算的通知',
    issuerCode: '33030300CZ',
    category: '部门文件',
    keyArea: 'budget',
    writtenDate: '2014-02-20',
    publishedAt: '2014-02-25T09:30:00+08:00',
    body: '区级各部门：根据《中华人民共和国预算法》和财政预决算公开的有关要求，经区人大常委会批准，2014年区级部门预算应当在批复后20日内向社会公开。公开内容包括部门收支总表、财政拨款支出表和“三公”经费预算情况说明。各部门应当对公开内容的真实性、准确性负责，并在区政府门户网站财政预决算专栏统一发布。',
  },
  {
    docNumber: '龙财〔2014〕45号',
    title: '龙湾区财政局关于2013年区级财政决算及“三公”经费决算情况的公告',
    issuerCode: '33030300CZ',
    category: '通知公告',
    keyArea: 'budget',
    writtenDate: '2014-08-01',
    publishedAt: '2014-08-06T15:00:00+08:00',
    body: '经区人大常委会审查批准，现将2013年区级财政决算情况公告如下：2013年全区一般公共预算收入完成年度预算的103.2%，一般公共预算支出重点保障教育、社会保障和就业、医疗卫生等民生领域。区级“三公”经费决算数比上年下降12.6%，其中公务接待费下降21.4%。详细情况见附表。',
  },
  {
    docNumber: '龙财〔2015〕8号',
    title: '龙湾区财政专项资金管理办法',
    issuerCode: '33030300CZ',
    category: '规范性文件',
    keyArea: 'special-funds',
    writtenDate: '2015-01-15',
    publishedAt: '2015-01-20T09:00:00+08:00',
    body: '第一条 为规范区级财政专项资金管理，提高资金使用效益，制定本办法。第二条 本办法所称财政专项资金，是指区财政预算安排、具有专门用途的资金，包括产业扶持资金、科技创新资金和农业发展资金。第三条 专项资金实行项目库管理，申报、评审、分配结果应当在区政府门户网站公示，公示期不少于7日。第四条 专项资金使用单位应当按季度报送资金使用进度，区财政局会同审计部门开展绩效评价，评价结果向社会公开。',
  },
  {
    docNumber: '龙建〔2014〕33号',
    title: '龙湾区保障性住房准入和退出管理实施细则',
    issuerCode: '33030300JS',
    category: '规范性文件',
    keyArea: 'housing',
    writtenDate: '2014-05-10',
    publishedAt: '2014-05-16T10:00:00+08:00',
    body: '第一条 为规范保障性住房的准入和退出管理，根据《浙江省经济适用住房管理办法》和《温州市公共租赁住房管理办法》，结合本区实际，制定本细则。第二条 申请公共租赁住房的家庭应当具有本区户籍，人均住房建筑面积低于15平方米，家庭人均年收入低于上年度城镇居民人均可支配收入的60%。第三条 申请材料经街道初审、区住房保障部门复审后，在社区和区政府门户网站公示，公示期为15日。第四条 轮候家庭按照登记顺序配租，配租结果向社会公开。第五条 承租家庭不再符合条件的，应当在6个月内腾退。',
  },
  {
    docNumber: '龙建〔2015〕21号',
    title: '龙湾区2015年保障性安居工程建设计划',
    issuerCode: '33030300JS',
    category: '规划计划',
    keyArea: 'housing',
    writtenDate: '2015-03-02',
    publishedAt: '2015-03-10T09:00:00+08:00',
    body: '2015年全区计划新开工保障性安居工程住房1200套，其中公共租赁住房300套、棚户区改造安置住房900套，基本建成800套。项目分布在永中、蒲州、海滨、状元四个街道，建设进度和分配情况每季度在区政府门户网站保障性住房专栏公开。',
  },
  {
    docNumber: '龙建〔2014〕40号',
    title: '龙湾区政府投资工程建设项目招标投标监督管理办法',
    issuerCode: '33030300JS',
    category: '规范性文件',
    keyArea: 'tendering',
    writtenDate: '2014-06-18',
    publishedAt: '2014-06-25T10:00:00+08:00',
    body: '第一条 为规范政府投资工程建设项目招标投标活动，预防腐败，根据《中华人民共和国招标投标法》及其实施条例，制定本办法。第二条 依法必须招标的项目，招标公告、资格预审结果、中标候选人和中标结果应当在温州市公共资源交易网和区政府门户网站同步公开。第三条 评标专家从省综合评标专家库中随机抽取。第四条 区住房和城乡建设局对招标投标活动实施监督，受理投诉并依法处理。',
  },
  {
    docNumber: '龙建〔2016〕5号',
    title: '关于公布2016年龙湾区重点工程建设项目的通知',
    issuerCode: '33030300JS',
    category: '通知公告',
    keyArea: 'construction',
    writtenDate: '2016-01-08',
    publishedAt: '2016-01-12T09:00:00+08:00',
    body: '经区政府研究同意，现将2016年龙湾区重点工程建设项目予以公布。全年安排重点工程建设项目86个，总投资320亿元，其中瓯海大道东延、永强大道综合改造、海滨围垦配套道路等交通项目18个。各项目的审批、核准、备案结果及施工许可、竣工验收信息在工程建设项目专栏公开。',
  },
  {
    docNumber: '龙国土〔2014〕17号',
    title: '龙湾区集体土地征收补偿安置办法',
    issuerCode: '33030300GT',
    category: '规范性文件',
    keyArea: 'land',
    writtenDate: '2014-04-01',
    publishedAt: '2014-04-08T09:00:00+08:00',
    body: '第一条 为规范集体土地征收补偿安置工作，保障被征地农民的合法权益，制定本办法。第二条 征收土地方案经批准后，应当在被征收土地所在的村、组张贴征地公告，公告期不少于10个工作日。第三条 征地补偿标准、安置途径和被征地农民社会保障办法应当向被征地村集体经济组织和农户公开。第四条 被征地农户对补偿标准有争议的，可以申请协调和裁决。征地拆迁信息在区政府门户网站征地拆迁专栏集中公布。',
  },
  {
    docNumber: '龙环〔2014〕26号',
    title: '龙湾区大气污染防治实施方案（2014—2017年）',
    issuerCode: '33030300HB',
    category: '规划计划',
    keyArea: 'environment',
    writtenDate: '2014-07-20',
    publishedAt: '2014-07-28T10:00:00+08:00',
    body: '为改善全区环境空气质量，根据《浙江省大气污染防治行动计划》，制定本方案。到2017年，全区细颗粒物（PM2.5）年均浓度比2013年下降20%以上。主要任务：淘汰燃煤小锅炉，推进电镀、印染等重污染行业整治，加强工地扬尘和机动车尾气治理。重点排污单位的排放信息、环境影响评价审批结果和环境违法行为处罚结果按规定向社会公开。',
  },
  {
    docNumber: '龙环〔2015〕9号',
    title: '关于公开龙湾区重点排污单位名录的通知',
    issuerCode: '33030300HB',
    category: '通知公告',
    keyArea: 'environment',
    writtenDate: '2015-02-10',
    publishedAt: '2015-02-16T09:00:00+08:00',
    body: '根据《企业事业单位环境信息公开办法》，现公布2015年龙湾区重点排污单位名录，共计47家，涉及电镀、造纸、化工等行业。重点排污单位应当公开排污信息、防治污染设施的建设和运行情况、突发环境事件应急预案等内容。',
  },
  {
    docNumber: '龙食药监〔2015〕14号',
    title: '龙湾区食品安全监督抽检信息公布办法',
    issuerCode: '33030300SY',
    category: '规范性文件',
    keyArea: 'food-safety',
    writtenDate: '2015-04-15',
    publishedAt: '2015-04-22T10:00:00+08:00',
    body: '第一条 为规范食品安全监督抽检信息公布工作，制定本办法。第二条 区食品药品监督管理局按月公布食品安全监督抽检结果，包括抽检食品名称、标称生产企业、被抽样单位、检验结果和不合格项目。第三条 对抽检不合格的食品，应当同时公布核查处置情况。第四条 学校食堂、农贸市场和小餐饮的量化分级结果在食品安全专栏公开。',
  },
  {
    docNumber: '龙安监〔2014〕31号',
    title: '龙湾区安全生产委员会关于开展打非治违专项行动的通知',
    issuerCode: '33030300AJ',
    category: '部门文件',
    keyArea: 'work-safety',
    writtenDate: '2014-05-05',
    publishedAt: '2014-05-09T09:00:00+08:00',
    body: '各街道、各有关单位：为有效防范和遏制较大以上生产安全事故，决定在全区开展打击非法违法生产经营建设行为专项行动。重点整治危险化学品、烟花爆竹、鞋服加工等行业的“三合一”场所和无证经营行为。对存在重大安全隐患的企业依法责令停产停业整顿，行政处罚结果一律在区政府门户网站生产安全专栏公开。',
  },
  {
    docNumber: '龙安监〔2015〕7号',
    title: '龙湾区生产安全事故应急预案',
    issuerCode: '33030300AJ',
    category: '规划计划',
    keyArea: 'work-safety',
    writtenDate: '2015-01-22',
    publishedAt: '2015-01-29T10:00:00+08:00',
    body: '本预案适用于本区行政区域内发生的生产安全事故应对工作。事故发生单位应当在1小时内向区安全生产监督管理局报告。区政府设立生产安全事故应急指挥部，下设综合协调、抢险救援、医疗救护、善后处理和信息发布等工作组。事故调查报告经批准后向社会公布。',
  },
  {
    docNumber: '龙教〔2015〕18号',
    title: '龙湾区2015年义务教育阶段学校招生工作意见',
    issuerCode: '33030300JY',
    category: '部门文件',
    keyArea: 'admissions',
    writtenDate: '2015-04-20',
    publishedAt: '2015-04-28T09:00:00+08:00',
    body: '一、招生原则：坚持免试就近入学，公办小学、初中不得举行任何形式的入学考试。二、学区划分：各学校的招生范围、招生计划在区教育局网站和学校公告栏公开。三、外来务工人员随迁子女凭居住证和就业证明申请入学，按积分高低安排就读学校。四、招生结果公示5天，接受社会监督。',
  },
  {
    docNumber: '龙卫〔2015〕11号',
    title: '龙湾区医疗服务价格和医疗质量信息公开实施方案',
    issuerCode: '33030300WS',
    category: '部门文件',
    keyArea: 'medical',
    writtenDate: '2015-05-12',
    publishedAt: '2015-05-19T10:00:00+08:00',
    body: '为方便群众就医，全区各级医疗机构应当通过院内公示栏、电子屏和区政府门户网站公开医疗服务价格、常用药品价格、门诊和住院次均费用。区卫生局每季度公布各医疗机构的医疗质量评价结果和群众满意度调查情况。',
  },
  {
    docNumber: '龙发改〔2014〕20号',
    title: '龙湾区行政事业性收费和经营服务性收费目录清单',
    issuerCode: '33030300FG',
    category: '通知公告',
    keyArea: 'prices',
    writtenDate: '2014-09-01',
    publishedAt: '2014-09-05T09:00:00+08:00',
    body: '根据《浙江省行政事业性收费管理条例》，现将本区行政事业性收费项目、收费标准、收费依据和经营服务性收费目录清单予以公布。清单之外不得收费。群众对收费有异议的，可拨打价格举报电话12358。停车场收费、物业服务收费等价格信息在价格和收费专栏公开。',
  },
  {
    docNumber: '龙政办〔2016〕3号',
    title: '龙湾区人民政府办公室关于进一步规范行政审批中介服务的通知',
    issuerCode: '33030300ZF',
    category: '政府文件',
    keyArea: null,
    writtenDate: '2016-01-05',
    publishedAt: '2016-01-11T10:00:00+08:00',
    body: '各街道办事处，区政府直属各单位：为破解行政审批中介服务环节多、耗时长、收费乱等问题，现就有关事项通知如下。一、清理规范中介服务事项，凡未列入目录的中介服务一律不得作为行政审批的受理条件。二、中介服务机构的服务承诺、收费标准和办理时限在区行政审批服务中心网站公开。三、建立中介服务机构信用评价制度。',
  },
  {
    docNumber: '龙政办〔2014〕66号',
    title: '龙湾区行政审批服务中心窗口工作人员管理办法',
    issuerCode: '33030300ZF',
    category: '规范性文件',
    keyArea: null,
    writtenDate: '2014-10-10',
    publishedAt: '2014-10-16T09:00:00+08:00',
    body: '第一条 为规范窗口工作人员行为，提高审批服务效率，制定本办法。第二条 窗口实行首问负责、一次性告知和限时办结制度。第三条 对群众满意度评价为不满意的，窗口所在单位应当在15个工作日内整改并反馈。第四条 电子监察系统对超时办理的事项亮黄牌、红牌，结果纳入年度考核。',
  },
  {
    docNumber: '龙政办〔2013〕20号',
    title: '龙湾区人民政府办公室关于印发龙湾区政府信息公开暂行规定的通知',
    issuerCode: '33030300ZF',
    category: '规范性文件',
    keyArea: null,
    writtenDate: '2013-03-01',
    publishedAt: '2013-03-08T09:00:00+08:00',
    body: '第一条 为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，制定本规定。第二条 行政机关应当在政府信息形成或者变更之日起20个工作日内予以公开。第三条 依申请公开的，应当在收到申请之日起15个工作日内答复。',
    repealed: { at: '2019-06-01T09:00:00+08:00', reason: '《中华人民共和国政府信息公开条例》（国务院令第711号）修订施行，本规定同时废止' },
  },
  {
    docNumber: null,
    title: '龙湾区老旧小区改造实施办法（征求意见稿）',
    issuerCode: '33030300JS',
    category: '规范性文件',
    keyArea: 'housing',
    writtenDate: '2026-11-20',
    publishedAt: null,
    body: '第一条 为改善老旧小区居住条件，提升居民生活品质，制定本办法。第二条 本办法所称老旧小区，是指2000年以前建成、配套设施不完善的住宅小区。第三条 改造内容包括屋面防水、外墙保温、雨污分流、加装电梯和停车设施。第四条 加装电梯须经本单元三分之二以上业主同意，区财政按每台20万元给予补助。第五条 改造方案应当在小区内公示，公示期不少于7日。',
    commentDays: 30,
  },
];

const INTERPRETATIONS: { docNumber: string; title: string; body: string }[] = [
  {
    docNumber: '龙建〔2014〕33号',
    title: '《龙湾区保障性住房准入和退出管理实施细则》政策解读',
    body: '一、为什么制定本细则？为规范公共租赁住房的准入、轮候、配租和退出，保障住房困难家庭的合法权益。二、哪些家庭可以申请？本区户籍、人均住房建筑面积低于15平方米且人均年收入低于上年度城镇居民人均可支配收入60%的家庭。三、审核结果在哪里查询？街道初审和区住房保障部门复审结果在社区和区政府门户网站公示15日。',
  },
  {
    docNumber: '温政办〔2013〕106号',
    title: '图解：温州市依托电子政务平台加强县级政府政务公开和政务服务实施指南',
    body: '实施指南明确了政府信息公开、政务服务、电子监察三大功能：一是以政府门户网站为依托深化政府信息公开，二是以联网审批平台为依托提高政务服务水平，三是以电子监察系统为依托强化行政权力监督。2013年年底前瓯海区、乐清市、瑞安市、永嘉县、苍南县率先完成，其余县（市、区）2014年6月底前全部完成。',
  },
];

/** 温政办's issuing body is the city government's office, which the org seed does not list. */
const CITY_GOVERNMENT_OFFICE = { deptCode: 'ZF', name: '温州市人民政府办公室', level: 'department' as const, parentDivisionCode: '330300' };

export async function seedDemoDisclosure(dataSource: DataSource): Promise<void> {
  const orgs = new OrgsRepository(dataSource);
  await orgs.ensure(CITY_GOVERNMENT_OFFICE);
  const officer = (await new UsersRepository(dataSource).findActiveByUsername('zf_disclosure'))?.user;
  if (!officer) throw new Error('demo user zf_disclosure missing');
  const repository = new DisclosureRepository(dataSource);
  const documents = dataSource.getRepository(PolicyDocumentEntity);
  for (const demo of DEMO_DOCUMENTS) {
    const existing = demo.docNumber ? await documents.findOneBy({ docNumber: demo.docNumber }) : await documents.findOneBy({ title: demo.title });
    if (existing) continue;
    const org = await orgs.findByCode(demo.issuerCode);
    if (!org) throw new Error(`demo org ${demo.issuerCode} missing`);
    const saved = await repository.create(
      {
        docNumber: demo.docNumber,
        docYear: demo.docNumber ? Number(/〔(\d{4})〕/u.exec(demo.docNumber)![1]) : null,
        title: demo.title,
        orgId: org.id,
        category: demo.category,
        keyArea: demo.keyArea,
        writtenDate: demo.writtenDate,
        effectiveDate: null,
        body: demo.body,
      },
      officer.id,
    );
    if (demo.publishedAt) {
      await documents.update(saved.id, {
        status: demo.repealed ? 'repealed' : 'published',
        publishedAt: new Date(demo.publishedAt),
        repealedAt: demo.repealed ? new Date(demo.repealed.at) : null,
        repealReason: demo.repealed?.reason ?? null,
      });
    } else if (demo.commentDays) {
      const now = Date.now();
      await documents.update(saved.id, { commentOpensAt: new Date(now), commentClosesAt: new Date(now + demo.commentDays * 24 * 3600_000) });
    }
  }
  const interpretations = dataSource.getRepository(PolicyInterpretationEntity);
  for (const demo of INTERPRETATIONS) {
    const document = await documents.findOneBy({ docNumber: demo.docNumber });
    if (!document || (await interpretations.findOneBy({ documentId: document.id, title: demo.title }))) continue;
    await interpretations.save({
      documentId: document.id,
      title: demo.title,
      body: demo.body,
      withDocument: true,
      status: 'published',
      publishedAt: document.publishedAt,
      createdBy: officer.id,
    });
  }
}
