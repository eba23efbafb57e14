import { App, Alert, Button, Card, Form, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatOrgCode } from '../../../common/org-code';
import { describeError } from '../../lib/http';
import type { AccountMe } from '../auth/api';
import { hasPermission } from '../auth/permissions';
import { OrgSelect, type OrgOption } from '../orgs/org-select';
import { addCaseCoHandler, type CaseView } from './api';
import { t } from './messages';

/**
 * 协办单位: the unions helping the leading one (首接负责 across provinces). The dispatcher adds
 * one from the org picker; the server takes it by join code (the same code a QR poster carries).
 * The button shows for a cadre who dispatches cases while the case is open; the server decides.
 */
export function CaseCoHandlers({
  kase,
  me,
  onChanged,
}: {
  kase: CaseView;
  me: AccountMe;
  onChanged: (view: CaseView) => void;
}) {
  const { message } = App.useApp();
  const [isAdding, setIsAdding] = useState(false);
  const [picked, setPicked] = useState<OrgOption | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const mayAdd = hasPermission(me, 'cases.dispatch') && kase.category !== 'closed' && kase.actions.length > 0;
  if (kase.co_handlers.length === 0 && !mayAdd) return null;

  const taken = [kase.receiving_org.id, kase.handling_org?.id, ...kase.co_handlers.map((o) => o.id)].filter(
    (id): id is number => id !== undefined,
  );

  function save() {
    if (!picked) return setError(t('co.pickRequired'));
    setIsSaving(true);
    setError(null);
    addCaseCoHandler(kase.id, kase.version, formatOrgCode(picked.value)).then(
      (view) => {
        setIsSaving(false);
        setIsAdding(false);
        setPicked(undefined);
        void message.success(t('co.added', { name: picked.org?.name ?? picked.label }));
        onChanged(view);
      },
      (err: unknown) => {
        setIsSaving(false);
        setError(describeError(err));
      },
    );
  }

  return (
    <Card size="small" title={t('cases.field.coHandlers')} data-testid="case-co-handlers">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {kase.co_handlers.length === 0 ? (
          <Typography.Text type="secondary">{t('co.none')}</Typography.Text>
        ) : (
          <Space wrap size={[8, 8]}>
            {kase.co_handlers.map((o) => (
              <Tag key={o.id} color="purple" data-testid="case-co-handler">
                {o.name}
              </Tag>
            ))}
          </Space>
        )}
        {mayAdd && !isAdding && (
          <Button onClick={() => setIsAdding(true)} data-testid="case-co-add">
            {t('co.add')}
          </Button>
        )}
        {mayAdd && isAdding && (
          <Form layout="vertical" onFinish={save} style={{ maxWidth: 480 }}>
            <Form.Item label={t('co.pick')} validateStatus={error ? 'error' : undefined} style={{ marginBottom: 8 }}>
              <OrgSelect
                value={picked?.value}
                onChange={(_, option) => setPicked(option)}
                excludeIds={taken}
                activeOnly
                testId="case-co-org"
              />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
            <Space>
              <Button type="primary" htmlType="submit" loading={isSaving} data-testid="case-co-save">
                {t('common.save')}
              </Button>
              <Button onClick={() => (setIsAdding(false), setError(null))}>{t('co.cancel')}</Button>
            </Space>
          </Form>
        )}
      </Space>
    </Card>
  );
}
