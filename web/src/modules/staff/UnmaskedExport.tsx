import { Checkbox, Tooltip } from 'antd';

/** For holders of member.sensitive: export 身份证号, phone and 住址 in clear (the server checks and audits it). */
export function UnmaskedExport({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <Tooltip title="仅对您有敏感信息权限的人员导出完整信息；每次导出均记入审计日志。">
      <Checkbox checked={checked} onChange={(e) => onChange(e.target.checked)}>
        导出完整身份证号、手机号和住址
      </Checkbox>
    </Tooltip>
  );
}
