// The first cell of a list row: the record's name as a link that opens its drawer, with an optional grey line
// under it (what kind of record, from which scheme …). A `sub` of false or null (a line shown only on some rows)
// keeps the column layout without the grey line, so such a cell looks as it did when written out by hand.
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function RecordLink({ onOpen, sub, children }: { onOpen: () => void; sub?: ReactNode; children: ReactNode }) {
  const link = (
    <Typography.Link strong onClick={onOpen}>
      {children}
    </Typography.Link>
  );
  if (sub === undefined) return link;
  return (
    <Flex vertical>
      {link}
      {sub !== false && sub !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      )}
    </Flex>
  );
}
