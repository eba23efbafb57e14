import { Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CASE_KIND_LABELS, type CaseKind } from '../../../common/cases';
import { describeError } from '../../lib/http';
import { listCaseAnswers, suggestCaseAnswers, type CaseAnswer } from './api';
import { t } from './messages';

const SEARCH_DELAY_MS = 250;
const SHOWN = 5;

/**
 * The knowledge base beside the hotline intake. Until the agent types a search, it suggests the
 * answers matching what the form says so far — the subject and the words of the caller's story,
 * those matching most first (POST: the story never goes into a URL) — within the caller's kind;
 * a typed search looks in every kind. Enter in the search box (or 选用 on a line) fills the
 * 直接答复 text, so the case closes on submit; all of it works from the keyboard.
 */
export function IntakeKnowledge({
  kind,
  subject,
  description,
  onUse,
}: {
  kind: CaseKind | undefined;
  subject: string | undefined;
  description: string | undefined;
  /** The chosen answer: the form turns 直接答复 on with its text. */
  onUse: (answer: CaseAnswer) => void;
}) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<CaseAnswer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const requestId = useRef(0);
  // Enter pressed while the search is still on its way: the answer it brings first is used.
  const useWhenLoaded = useRef(false);
  const story = description?.trim() || undefined;
  const onUseRef = useRef(onUse);
  onUseRef.current = onUse;

  useEffect(() => {
    const id = ++requestId.current;
    const q = query.trim();
    setIsLoading(true);
    const timer = setTimeout(
      () => {
        const request = q
          ? listCaseAnswers({ q, limit: SHOWN })
          : suggestCaseAnswers({ kind, subject, text: story, limit: SHOWN });
        request.then(
          (page) => {
            if (id !== requestId.current) return;
            setItems(page.items);
            setError(null);
            setIsLoading(false);
            if (useWhenLoaded.current && page.items[0]) onUseRef.current(page.items[0]);
            useWhenLoaded.current = false;
          },
          (err: unknown) => {
            if (id !== requestId.current) return;
            useWhenLoaded.current = false;
            setItems([]);
            setError(describeError(err));
            setIsLoading(false);
          },
        );
      },
      q || story ? SEARCH_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [query, kind, subject, story]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Enter') return;
    // Enter here chooses an answer; it must not submit the intake form.
    e.preventDefault();
    if (isLoading) useWhenLoaded.current = true;
    else if (items[0]) onUse(items[0]);
  }

  return (
    <Card size="small" title={t('intakeKb.title')} style={{ marginBottom: 16 }} data-testid="intake-kb">
      <Input.Search
        value={query}
        onChange={(e) => {
          useWhenLoaded.current = false;
          setQuery(e.target.value);
        }}
        onKeyDown={onKeyDown}
        placeholder={t('intakeKb.search')}
        aria-label={t('intakeKb.search')}
        maxLength={40}
        allowClear
        loading={isLoading}
        data-testid="intake-kb-search"
      />
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: error ?? t('intakeKb.none') }}
        renderItem={(a) => (
          <List.Item
            data-testid="intake-kb-item"
            actions={[
              <Button key="use" size="small" onClick={() => onUse(a)} data-testid="intake-kb-use">
                {t('intakeKb.use')}
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Space wrap size={[8, 0]}>
                <Typography.Text strong>{a.title}</Typography.Text>
                {a.kind && <Tag>{CASE_KIND_LABELS[a.kind]}</Tag>}
              </Space>
              <Typography.Text type="secondary" ellipsis={{ tooltip: a.body }} style={{ maxWidth: '100%' }}>
                {a.body}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
