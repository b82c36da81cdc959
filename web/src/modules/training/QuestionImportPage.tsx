// /training/questions/import (training.write): the Excel import wizard into one organisation's bank, chosen above
// the steps (the keeper's highest organisation when none is chosen, as the server does).
import { useState } from 'react';
import { Card, Flex, Typography } from 'antd';
import { ImportWizard } from '../imports/ImportWizard';
import { ScopeOrgTreeSelect } from '../members/orgPickers';

export default function QuestionImportPage() {
  const [orgId, setOrgId] = useState<string | undefined>();
  return (
    <ImportWizard
      kind="questions"
      query={orgId ? { orgId } : {}}
      before={(
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>导入到题库：</Typography.Text>
            <ScopeOrgTreeSelect value={orgId} onChange={(v) => setOrgId(v)} placeholder="本人管理范围内最上级的组织" style={{ minWidth: 240, flex: 1, maxWidth: 420 }} />
          </Flex>
        </Card>
      )}
    />
  );
}
