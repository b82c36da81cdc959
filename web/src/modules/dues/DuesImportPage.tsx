// /dues/import (dues.write): the Excel import wizard of a year's 党费基数, the year chosen above the steps.
import { useState } from 'react';
import { Card, Flex, Segmented, Typography } from 'antd';
import { ImportWizard } from '../imports/ImportWizard';
import { thisYear, yearOptions } from './api';

export default function DuesImportPage() {
  const [year, setYear] = useState(thisYear());
  return (
    <ImportWizard
      kind="dues"
      query={{ year }}
      before={(
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>导入年度：</Typography.Text>
            <Segmented value={year} onChange={(v) => setYear(Number(v))} options={yearOptions()} />
          </Flex>
        </Card>
      )}
    />
  );
}
