// The demo's online study texts: short articles on Party knowledge written for this product (facts follow the 党章
// and docs/DOMAIN.md), read in the committee's and the branches' online courses.

export interface DemoArticle {
  title: string;
  body: string;
  creditTenths: number;
  requiredMinutes: number;
}

const p = (...paras: string[]) => paras.map((x) => `<p>${x}</p>`).join('');

export const COMMITTEE_ARTICLES: readonly DemoArticle[] = [
  {
    title: '党员的义务和权利',
    creditTenths: 20, requiredMinutes: 40,
    body: `<h2>一、党员必须履行的义务</h2>${p(
      '党章规定，党员必须认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想，学习党的路线、方针、政策和决议，学习党的基本知识，学习科学、文化、法律和业务知识，努力提高为人民服务的本领。',
      '党员要贯彻执行党的基本路线和各项方针、政策，带头参加改革开放和社会主义现代化建设；坚持党和人民的利益高于一切；自觉遵守党的纪律，首先是党的政治纪律和政治规矩；切实开展批评和自我批评；密切联系群众。',
    )}<h2>二、党员享有的权利</h2>${p(
      '党员有权参加党的有关会议，阅读党的有关文件，接受党的教育和培训；在党的会议上和党报党刊上参加关于党的政策问题的讨论；对党的工作提出建议和倡议；行使表决权、选举权，有被选举权。',
      '党的各级组织必须保障党员的权利。社区党委要求各支部在“三会一课”中把党员权利义务的学习作为经常性内容。',
    )}`,
  },
  {
    title: '“三会一课”制度要点',
    creditTenths: 15, requiredMinutes: 30,
    body: p(
      '“三会一课”是党的组织生活的基本制度，指定期召开支部党员大会、支部委员会、党小组会，按时上好党课。',
      '支部党员大会一般每季度召开一次；支部委员会一般每月召开一次；党小组会一般每月召开一次；党课一般每季度至少一次，党支部书记每年至少讲一次党课。',
      '会议要有明确主题，会前通知到人，会上如实记录出席、请假和缺席情况，会后形成纪要并抓好落实。因故缺席的党员要及时补课，补课情况记入组织生活台账。',
    ),
  },
  {
    title: '发展党员工作程序',
    creditTenths: 10, requiredMinutes: 20,
    body: p(
      '发展党员工作应当贯彻党的基本理论、基本路线、基本方略，坚持把政治标准放在首位，坚持慎重发展、均衡发展，有领导、有计划地进行，成熟一个发展一个。',
      '发展党员一般经过五个阶段：申请入党、入党积极分子的确定和培养教育、发展对象的确定和考察、预备党员的接收、预备党员的教育考察和转正。',
      '预备党员的预备期为一年，从支部大会通过其为预备党员之日算起。预备期满，党支部应当及时讨论其能否转为正式党员。',
    ),
  },
  {
    title: '党费的交纳与管理',
    creditTenths: 10, requiredMinutes: 20,
    body: p(
      '交纳党费是党员必须履行的义务，是党员对党组织应尽的责任，也是党员党性观念的具体体现。',
      '党员应当增强党员意识，主动按月交纳党费。党员因特殊情况不能按月交纳的，经党支部同意可以补交。',
      '社区党委按规定对党费收缴、使用和管理情况进行检查，党支部每年向党员公布党费收缴情况。',
    ),
  },
];

/** A branch's own study text: the same for every branch, titled with the branch's focus. */
export const BRANCH_ARTICLE: DemoArticle = {
  title: '学习贯彻党的二十大精神 支部专题学习',
  creditTenths: 10, requiredMinutes: 20,
  body: p(
    '党的二十大报告指出，全面建设社会主义现代化国家，必须坚持中国共产党领导。支部要把学习贯彻党的二十大精神作为首要政治任务。',
    '学习中要做到学思用贯通、知信行统一，结合本职岗位和社区服务实际，提出可落实的举措，在服务群众中体现先锋模范作用。',
    '各党小组在学习后组织交流，党员撰写心得体会，支部在组织生活会上对学习情况进行总结。',
  ),
};

/** The long-open material: one minute earns its credit (a member tries online study at once). */
export const TRY_ARTICLE: DemoArticle = {
  title: '入党誓词',
  creditTenths: 5, requiredMinutes: 1,
  body: p(
    '我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。',
    '入党誓词是党员对党的庄严承诺。重温入党誓词，是党员不忘初心、牢记使命的经常性教育。',
  ),
};
