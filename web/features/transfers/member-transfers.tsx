import { Button, List, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Static } from '@sinclair/typebox';
import type { TransferHistoryItem } from '../../../common/api/transfers';
import { formatDateTime } from '../../lib/format';
import { StartTransferModal } from './start-transfer-modal';
import { TransferStateTag } from './transfers-page';
import { t } from './messages';

/**
 * The member profile's transfer history (一人一档: it stays with the member whichever union holds
 * them), and for the union's cadre a way to start one.
 */
export function MemberTransfers(props: {
  memberId: number;
  history: ReadonlyArray<Static<typeof TransferHistoryItem>>;
  canStart: boolean;
  onChanged: () => void;
}) {
  const [isStarting, setIsStarting] = useState(false);
  const open = props.history.some((h) => h.state === 'pending');
  return (
    <>
      <Space style={{ marginTop: 24, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('transfers.history')}
        </Typography.Title>
        {props.canStart && !open && (
          <Button size="small" onClick={() => setIsStarting(true)} data-testid="member-start-transfer">
            {t('transfers.start')}
          </Button>
        )}
      </Space>
      <List
        size="small"
        locale={{ emptyText: t('transfers.noHistory') }}
        dataSource={[...props.history]}
        data-testid="member-transfers"
        renderItem={(h) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <span>
                {h.from_org_name} → {h.to_org_name} <TransferStateTag transfer={h} />
              </span>
              <Typography.Text type="secondary">
                {formatDateTime(h.created_at)}
                {h.decided_at ? ` – ${formatDateTime(h.decided_at)}` : ''}
                {h.refusal_reason ? ` · ${t('transfers.refusedBecause')}${h.refusal_reason}` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {isStarting && (
        <StartTransferModal
          memberId={props.memberId}
          onClose={() => setIsStarting(false)}
          onStarted={() => {
            setIsStarting(false);
            props.onChanged();
          }}
        />
      )}
    </>
  );
}
