import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { CASE_KIND_LABELS } from '../../../common/cases';
import { CursorTable } from '../../components/cursor-table';
import { formatDateTime } from '../../lib/format';
import { describeError } from '../../lib/http';
import { useCursorList } from '../../lib/use-cursor-list';
import { AnswerForm } from './answer-form';
import { listCaseAnswers, updateCaseAnswer, type CaseAnswer } from './api';
import { t } from './messages';

/**
 * 知识库: the hotline's common answers, searched on the server a page at a time. Whoever takes
 * cases reads the answers of their unions and of every union above; they keep their own unions'
 * (`editable`), and retire an answer rather than delete it (a retired one can come back).
 */
export function AnswersPage() {
  const { message } = App.useApp();
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState<string | undefined>();
  const [retired, setRetired] = useState(false);
  const [editing, setEditing] = useState<CaseAnswer | 'new' | null>(null);
  const list = useCursorList<CaseAnswer>(JSON.stringify({ q, retired }), (cursor) =>
    listCaseAnswers({ q, retired, cursor, limit: 30 }),
  );

  function setRetiredOf(a: CaseAnswer, value: boolean) {
    updateCaseAnswer(a.id, { version: a.version, retired: value }).then(
      () => {
        void message.success(t(value ? 'kb.retired' : 'kb.restored'));
        list.reload();
      },
      (err: unknown) => void message.error(describeError(err)),
    );
  }

  const columns: ColumnsType<CaseAnswer> = [
    {
      title: t('kb.field.title'),
      key: 'title',
      render: (_, a) => (
        <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
          <Typography.Text strong data-testid="kb-row-title">
            {a.title}
          </Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: a.body }} style={{ margin: 0 }}>
            {a.body}
          </Typography.Paragraph>
          {a.keywords && (
            <Typography.Text type="secondary">{`${t('kb.field.keywords')}：${a.keywords}`}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('kb.field.kind'),
      key: 'kind',
      width: 110,
      responsive: ['md'],
      render: (_, a) => <Tag>{a.kind ? CASE_KIND_LABELS[a.kind] : t('kb.field.kindAll')}</Tag>,
    },
    {
      title: t('kb.field.org'),
      key: 'org',
      width: 160,
      responsive: ['md'],
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>{a.org.name}</span>
          {!a.editable && <Typography.Text type="secondary">{t('kb.readOnly')}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('kb.field.updated'),
      key: 'updated',
      width: 150,
      responsive: ['lg'],
      render: (_, a) => formatDateTime(a.updated_at),
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      render: (_, a) =>
        a.editable && (
          <Space wrap size={[4, 4]}>
            <Button size="small" onClick={() => setEditing(a)} data-testid="kb-edit">
              {t('kb.edit')}
            </Button>
            {a.retired ? (
              <Button size="small" onClick={() => setRetiredOf(a, false)} data-testid="kb-restore">
                {t('kb.restore')}
              </Button>
            ) : (
              <Popconfirm title={t('kb.retireConfirm')} onConfirm={() => setRetiredOf(a, true)}>
                <Button size="small" danger data-testid="kb-retire">
                  {t('kb.retire')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('kb.title')}
      data-testid="answers-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="kb-new">
          {t('kb.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('kb.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('kb.search')}
          value={searchText}
          maxLength={40}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(text) => setQ(text.trim() || undefined)}
          style={{ width: 280, maxWidth: '100%' }}
          data-testid="kb-search"
        />
        <Checkbox checked={retired} onChange={(e) => setRetired(e.target.checked)} data-testid="kb-show-retired">
          {t('kb.showRetired')}
        </Checkbox>
      </Space>
      <CursorTable<CaseAnswer>
        list={list}
        columns={columns}
        locale={{ emptyText: t('kb.empty') }}
        data-testid="kb-table"
      />
      {editing && (
        <AnswerForm
          answer={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t('kb.saved'));
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
