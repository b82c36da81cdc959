// The Excel import wizard for members and staff (issue 3 §7): 选择文件 → 校验 (dry run with a row-level report)
// → 确认导入 (the same file, all rows or none) → 结果. The server validates; this page only uploads, shows
// progress and reads the report back to the clerk in Chinese.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Grid, Progress, Result, Spin, Steps, Table, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import {
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { download, errorMessage, filenameFromDisposition, type Query } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import {
  UPLOAD_LIMIT_BYTES,
  answerJson,
  formatBytes,
  isAbort,
  postFile,
  saveBlob,
  type ImportProblem,
  type ImportReport,
} from './upload';

export type ImportKind = 'members' | 'staff' | 'residents' | 'questions' | 'dues';

interface KindConfig {
  title: string;
  subTitle: string;
  /** API base: `${api}/template.xlsx`, `${api}/import`. */
  api: string;
  template: string;
  report: string;
  listPath: string;
  listLabel: string;
  notes: string[];
}

const KINDS: Record<ImportKind, KindConfig> = {
  members: {
    title: '导入党员',
    subTitle: '从 Excel 批量建立或更新党员档案：先校验全部行，确认无误后一次导入。',
    api: '/api/v1/members',
    template: '党员导入模板.xlsx',
    report: '党员导入错误报告.xlsx',
    listPath: '/members',
    listLabel: '党员名册',
    notes: [
      '身份证号已在名册中的人员，导入时更新其信息，不会重复建档。',
      '所在单位、所在党支部、所在党小组填写名称，党组织须在您的管理范围内。',
      '正式党员须填写转正日期；预备党员不填转正日期。',
    ],
  },
  staff: {
    title: '导入员工',
    subTitle: '从 Excel 批量登记或更新员工信息：先校验全部行，确认无误后一次导入。',
    api: '/api/v1/staff',
    template: '员工导入模板.xlsx',
    report: '员工导入错误报告.xlsx',
    listPath: '/staff',
    listLabel: '员工名册',
    notes: ['身份证号已在名册中的员工，导入时更新其信息，不会重复登记。', '所在单位填写单位名称或单位编码。'],
  },
  residents: {
    title: '导入服务对象',
    subTitle: '从 Excel 批量登记或更新关爱服务对象：先校验全部行，确认无误后一次导入。',
    api: '/api/v1/volunteer/residents',
    template: '服务对象导入模板.xlsx',
    report: '服务对象导入错误报告.xlsx',
    listPath: '/volunteer/residents',
    listLabel: '服务对象名册',
    notes: [
      '已登记的服务对象（同一身份证号，无身份证号时同一姓名、出生日期和小区）导入时更新其信息，不会重复登记。',
      '负责组织填写党支部名称，须在您的管理范围内；住址、电话、身份证号等敏感信息导入后加密保存。',
    ],
  },
  questions: {
    title: '导入题目',
    subTitle: '从 Excel 批量添加或更新题库中的题目：先校验全部行，确认无误后一次导入。',
    api: '/api/v1/training/questions',
    template: '题库导入模板.xlsx',
    report: '题库导入错误报告.xlsx',
    listPath: '/training/questions',
    listLabel: '题库',
    notes: [
      '题目导入到上方选择的组织题库；该题库中已有题型和题干都相同的题目时，导入更新该题，不会重复添加。',
      '正确答案：单选填一个字母（如 B），多选填多个字母（如 ABD），判断填“对”或“错”，填空题的多个答案用竖线“|”分隔。',
    ],
  },
  dues: {
    title: '导入党费基数',
    subTitle: '从工资表批量登记或更新党员某年度的党费基数：先校验全部行，确认无误后一次导入。',
    api: '/api/v1/dues/bases',
    template: '党费基数导入模板.xlsx',
    report: '党费基数导入错误报告.xlsx',
    listPath: '/dues',
    listLabel: '党费管理',
    notes: [
      '按姓名找到您管理范围内的党员，同名时填写党支部；已登记该年度基数的按本表更新，内容相同的不会重复登记。',
      '收入按元填写（税后月收入或月养老金），导入后加密保存，列表中不显示明文；月缴金额按业务规则中的标准计算。',
    ],
  },
};

const COMMON_NOTES = [
  '请使用下载的模板填写，标 * 的列为必填，日期格式为 YYYY-MM-DD。',
  '模板第 2 行是示例，导入前请删除。',
  `仅支持 .xlsx 文件，单个文件不超过 ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB、20000 行。`,
];

type Phase =
  | { step: 'select' }
  | { step: 'validating'; file: File }
  | { step: 'report'; file: File; report: ImportReport }
  | { step: 'committing'; file: File; report: ImportReport }
  | { step: 'done'; report: ImportReport };

const STEP_INDEX: Record<Phase['step'], number> = { select: 0, validating: 1, report: 1, committing: 2, done: 3 };

/** 共 N 行：新增 a，更新 b，未变 c */
export function countsText(r: ImportReport): string {
  return `共 ${r.total} 行：新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}`;
}

const PROBLEM_COLUMNS: ColumnsType<ImportProblem> = [
  { title: '行号', dataIndex: 'row', width: 80 },
  { title: '列', dataIndex: 'column', width: 160, render: (v: string) => v || '-' },
  { title: '问题', dataIndex: 'message' },
];

function problemRows(problems: ImportProblem[]): number {
  return new Set(problems.map((p) => p.row)).size;
}

/** Upload progress, then an indeterminate wait while the server works on the file. */
function Working({
  file,
  progress,
  verb,
  onCancel,
}: {
  file: File;
  progress: { loaded: number; total: number; uploaded: boolean };
  verb: string;
  onCancel: () => void;
}) {
  const percent = progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : 0;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 560, margin: '24px auto' }}>
      <Typography.Text>
        <FileExcelOutlined style={{ color: '#217346', marginRight: 8 }} />
        {file.name}（{formatBytes(file.size)}）
      </Typography.Text>
      <div>
        <Typography.Text type="secondary">
          {progress.uploaded ? '上传完成' : `正在上传 ${formatBytes(progress.loaded)} / ${formatBytes(progress.total || file.size)}`}
        </Typography.Text>
        <Progress
          percent={progress.uploaded ? 100 : percent}
          status={progress.uploaded ? 'success' : 'active'}
          aria-label="上传进度"
        />
      </div>
      {progress.uploaded && (
        <Flex align="center" gap={12} role="status">
          <Spin />
          <Typography.Text>{verb}…</Typography.Text>
        </Flex>
      )}
      <div>
        <Button onClick={onCancel}>取消</Button>
      </div>
    </Flex>
  );
}

/** A small Upload that hands the picked file over instead of uploading it itself. */
function PickButton({ onFile, primary, children }: { onFile: (f: File) => void; primary?: boolean; children: string }) {
  return (
    <Upload
      accept=".xlsx"
      maxCount={1}
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return Upload.LIST_IGNORE;
      }}
    >
      <Button type={primary ? 'primary' : 'default'} icon={<UploadOutlined />}>
        {children}
      </Button>
    </Upload>
  );
}

/**
 * `query` goes with every upload (e.g. the organisation a question bank import goes to); `before` is shown above the
 * steps (the picker of that organisation).
 */
export function ImportWizard({ kind, query, before }: { kind: ImportKind; query?: Query; before?: ReactNode }) {
  const cfg = KINDS[kind];
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [phase, setPhase] = useState<Phase>({ step: 'select' });
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState({ loaded: 0, total: 0, uploaded: false });
  const [downloading, setDownloading] = useState<'template' | 'report' | null>(null);
  const inflight = useRef<AbortController | null>(null);
  // On phones the steps stack vertically: titles only, so the file picker stays near the top.
  const phone = Grid.useBreakpoint().md === false;

  useEffect(() => () => inflight.current?.abort(), []);

  const send = async (file: File, dryRun: boolean, format: 'json' | 'xlsx' = 'json') => {
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    if (format === 'json') setProgress({ loaded: 0, total: file.size, uploaded: false });
    try {
      return await postFile(`${cfg.api}/import`, file, {
        query: { ...query, dryRun, format },
        accept: format === 'xlsx' ? '*/*' : 'application/json',
        signal: controller.signal,
        onProgress:
          format === 'json'
            ? (loaded, total) => setProgress((p) => ({ ...p, loaded, total, uploaded: p.uploaded || loaded >= total }))
            : undefined,
        onUploaded: format === 'json' ? () => setProgress((p) => ({ ...p, loaded: p.total, uploaded: true })) : undefined,
      });
    } finally {
      if (inflight.current === controller) inflight.current = null;
    }
  };

  const validate = async (file: File) => {
    setError(null);
    if (file.size > UPLOAD_LIMIT_BYTES) {
      setPhase({ step: 'select' });
      setError(`文件超过 ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB，请分批导入`);
      return;
    }
    setPhase({ step: 'validating', file });
    try {
      const report = await answerJson<ImportReport>(await send(file, true));
      setPhase({ step: 'report', file, report });
    } catch (e) {
      if (isAbort(e)) return;
      setPhase({ step: 'select' });
      setError(errorMessage(e));
    }
  };

  const commit = async (file: File, checked: ImportReport) => {
    setError(null);
    setPhase({ step: 'committing', file, report: checked });
    try {
      const report = await answerJson<ImportReport>(await send(file, false));
      if (report.committed) {
        setPhase({ step: 'done', report });
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      } else {
        // The roster changed since the check (or the file did): nothing was written, show the new report.
        setPhase({ step: 'report', file, report });
        setError('导入未执行：重新校验时发现问题，没有写入任何数据。请按下表修改后重新上传。');
      }
    } catch (e) {
      if (isAbort(e)) {
        setPhase({ step: 'report', file, report: checked });
        setError('已取消导入。若上传已完成，服务器可能仍已完成导入，请到名册中核对。');
        return;
      }
      setPhase({ step: 'report', file, report: checked });
      setError(`导入失败：${errorMessage(e)}`);
    }
  };

  const cancel = () => {
    inflight.current?.abort();
    if (phase.step === 'validating') setPhase({ step: 'select' });
  };

  const downloadTemplate = async () => {
    setDownloading('template');
    try {
      await download(`${cfg.api}/template.xlsx`, undefined, cfg.template);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDownloading(null);
    }
  };

  const downloadReport = async (file: File) => {
    setDownloading('report');
    try {
      const answer = await send(file, true, 'xlsx');
      saveBlob(answer.blob, filenameFromDisposition(answer.header('content-disposition')) ?? cfg.report);
    } catch (e) {
      if (!isAbort(e)) setError(`错误报告下载失败：${errorMessage(e)}`);
    } finally {
      setDownloading(null);
    }
  };

  const reset = () => {
    setError(null);
    setPhase({ step: 'select' });
  };

  const hasProblems = phase.step === 'report' && phase.report.problems.length > 0;

  return (
    <PageContainer
      title={cfg.title}
      subTitle={cfg.subTitle}
      extra={<Link to={cfg.listPath}>返回{cfg.listLabel}</Link>}
    >
      {before}
      <Card>
        <Steps
          current={STEP_INDEX[phase.step]}
          status={hasProblems ? 'error' : phase.step === 'done' ? 'finish' : 'process'}
          size={phone ? 'small' : undefined}
          items={[
            { title: '选择文件', content: phone ? undefined : '下载模板，填好后上传' },
            { title: '校验', content: phone ? undefined : '逐行检查，列出问题' },
            { title: '确认导入', content: phone ? undefined : '全部导入或一行不导' },
            { title: '结果' },
          ]}
          style={{ marginBottom: 24 }}
        />

        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            closable={{ onClose: () => setError(null) }}
            style={{ marginBottom: 16 }}
          />
        )}

        {phase.step === 'select' && (
          <Flex vertical gap={16}>
            <Card size="small" title="1. 下载模板">
              <Flex vertical gap={8} align="flex-start">
                <Button
                  icon={<DownloadOutlined />}
                  loading={downloading === 'template'}
                  onClick={() => void downloadTemplate()}
                >
                  下载模板
                </Button>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {[...cfg.notes, ...COMMON_NOTES].map((n) => (
                    <li key={n}>
                      <Typography.Text type="secondary">{n}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </Flex>
            </Card>
            <Card size="small" title="2. 选择文件">
              <Upload.Dragger
                accept=".xlsx"
                maxCount={1}
                multiple={false}
                showUploadList={false}
                beforeUpload={(file) => {
                  void validate(file);
                  return Upload.LIST_IGNORE;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">点击选择或将 Excel 文件拖到此处</p>
                <p className="ant-upload-hint">选择后立即开始校验，校验不会写入任何数据</p>
              </Upload.Dragger>
            </Card>
          </Flex>
        )}

        {phase.step === 'validating' && (
          <Working file={phase.file} progress={progress} verb="正在校验" onCancel={cancel} />
        )}

        {phase.step === 'committing' && (
          <Working file={phase.file} progress={progress} verb="正在导入" onCancel={cancel} />
        )}

        {phase.step === 'report' && (
          <Flex vertical gap={16}>
            <Typography.Text>
              <FileExcelOutlined style={{ color: '#217346', marginRight: 8 }} />
              {phase.file.name}
            </Typography.Text>
            {phase.report.problems.length > 0 ? (
              <Alert
                type="error"
                showIcon
                title={`发现 ${phase.report.problems.length} 个问题（涉及 ${problemRows(phase.report.problems)} 行），不能导入`}
                description={
                  <>
                    <div>{countsText(phase.report)}。</div>
                    <div>请按下表修改 Excel 文件后重新上传；有问题时不会导入任何一行。</div>
                  </>
                }
              />
            ) : phase.report.total === 0 ? (
              <Alert type="warning" showIcon title="文件中没有数据行" description="请在模板中填写数据后重新上传。" />
            ) : (
              <Alert
                type="success"
                showIcon
                title="校验通过"
                description={
                  <>
                    <div>{countsText(phase.report)}。</div>
                    <div>
                      <Typography.Text type="secondary">
                        已在名册中的人员校验时计为“更新”；导入时内容完全相同的计为“未变”。
                      </Typography.Text>
                    </div>
                  </>
                }
              />
            )}
            {phase.report.problems.length > 0 && (
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.row}\u0000${p.column}\u0000${p.message}`}
                columns={PROBLEM_COLUMNS}
                dataSource={phase.report.problems}
                pagination={{
                  defaultPageSize: 10,
                  showSizeChanger: true,
                  pageSizeOptions: [10, 20, 50, 100],
                  showTotal: (n) => `共 ${n} 个问题`,
                  hideOnSinglePage: false,
                }}
                scroll={{ x: 'max-content' }}
              />
            )}
            <Flex gap={8} wrap>
              {hasProblems && (
                <Button
                  icon={<DownloadOutlined />}
                  loading={downloading === 'report'}
                  onClick={() => void downloadReport(phase.file)}
                >
                  下载错误报告
                </Button>
              )}
              <PickButton primary={hasProblems || phase.report.total === 0} onFile={(f) => void validate(f)}>
                {hasProblems ? '修改后重新上传' : '重新选择文件'}
              </PickButton>
              <Tooltip
                title={
                  hasProblems
                    ? '请先修改文件中的问题并重新上传'
                    : phase.report.total === 0
                      ? '文件中没有可导入的数据'
                      : undefined
                }
              >
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  disabled={hasProblems || phase.report.total === 0}
                  onClick={() => void commit(phase.file, phase.report)}
                >
                  确认导入
                </Button>
              </Tooltip>
            </Flex>
          </Flex>
        )}

        {phase.step === 'done' && (
          <Result
            status="success"
            title="导入完成"
            subTitle={`${countsText(phase.report)}。`}
            extra={[
              <Button key="list" type="primary" onClick={() => void navigate(cfg.listPath)}>
                返回{cfg.listLabel}
              </Button>,
              <Button key="again" onClick={reset}>
                继续导入
              </Button>,
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
