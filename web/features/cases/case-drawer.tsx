import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Image,
  Popover,
  Skeleton,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CASE_KIND_LABELS, EVENT_LABELS, RATING_LABELS, TIER_LABELS, type CaseAction } from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatDateTime } from '../../lib/format';
import { asApiError, type ApiError } from '../../lib/http';
import type { AccountMe } from '../auth/api';
import { Explanation } from '../calendar/due-calculator';
import { fetchRegion } from '../orgs/api';
import { fetchCase, type CaseView } from './api';
import { CaseTags, LightDot } from './case-bits';
import { clockStartDay, DANGER_STEPS, fenToYuan, routedByLabel, subjectLabel } from './case-model';
import { t } from './messages';
import { CaseCoHandlers } from './case-co-handlers';
import { CaseTimeline, PendingRequest } from './case-timeline';
import { CaseSimilar, CollectiveSums, offersCollective } from './case-similar';
import { StepModal, type StepOutcome } from './step-modal';

/** Steps the requester takes on the H5; a cadre never gets a button for them. */
const NOT_IN_CONSOLE: ReadonlySet<CaseAction> = new Set(['rate']);

/** One case, wide, over the list: everything the cadre needs to act, the buttons the server allows, the timeline. */
export function CaseDrawer({
  id,
  me,
  onClose,
  onChanged,
}: {
  id: number;
  me: AccountMe;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [kase, setKase] = useState<CaseView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [step, setStep] = useState<CaseAction | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  /** Someone acted first: said where the cadre is looking, not in a toast that fades while they read. */
  const [staleNotice, setStaleNotice] = useState(false);

  const load = useCallback(() => {
    setError(null);
    fetchCase(id).then(setKase, (err: unknown) => setError(asApiError(err)));
  }, [id]);
  useEffect(() => {
    setKase(null);
    setRefusal(null);
    setStaleNotice(false);
    load();
  }, [load]);

  function outcome(result: StepOutcome) {
    setStep(null);
    setStaleNotice(false);
    if (result.kind === 'done') {
      setRefusal(null);
      setKase(result.view);
      void message.success(t('cases.done', { action: EVENT_LABELS[step!] }));
    } else if (result.kind === 'stale') {
      setStaleNotice(true);
      load();
    } else {
      // Refused on a case someone changed since it was read (the server judges the step before the
      // version): that is the same news as a stale version. Otherwise the refusal says why.
      const readVersion = kase?.version;
      fetchCase(id).then(
        (view) => {
          setKase(view);
          if (view.version !== readVersion) setStaleNotice(true);
          else setRefusal(result.error);
        },
        (err: unknown) => setError(asApiError(err)),
      );
    }
    onChanged();
  }

  const actions = (kase?.actions ?? []).filter((a) => !NOT_IN_CONSOLE.has(a));
  return (
    <Drawer
      open
      size="min(960px, 100vw)"
      title={kase ? `${t('cases.detail')} · ${kase.tracking_no}` : t('cases.detail')}
      onClose={onClose}
      destroyOnHidden
      data-testid="case-drawer"
    >
      <ErrorAlert error={error} onRetry={load} />
      {!kase && !error && <Skeleton active />}
      {kase && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <CaseHeader kase={kase} />
          {staleNotice && (
            <Alert
              type="warning"
              showIcon
              title={t('cases.stale')}
              closable
              onClose={() => setStaleNotice(false)}
              data-testid="case-stale"
            />
          )}
          {refusal && <Alert type="error" showIcon title={refusal.message} closable onClose={() => setRefusal(null)} />}
          <PendingRequest kase={kase} />
          <div data-testid="case-actions">
            {actions.length === 0 ? (
              <Typography.Text type="secondary">{t('cases.noActions')}</Typography.Text>
            ) : (
              <Space wrap>
                {actions.map((a) => (
                  <Button
                    key={a}
                    type={a === actions[0] && !DANGER_STEPS.has(a) ? 'primary' : 'default'}
                    danger={DANGER_STEPS.has(a)}
                    onClick={() => setStep(a)}
                    data-testid={`case-action-${a}`}
                  >
                    {EVENT_LABELS[a]}
                  </Button>
                ))}
              </Space>
            )}
          </div>
          {offersCollective(kase) && (
            <CaseSimilar
              kase={kase}
              onMerged={(parent) => {
                onChanged();
                navigate(`/cases/${parent.id}`);
              }}
            />
          )}
          <CaseStory kase={kase} />
          <CaseFacts kase={kase} />
          <CaseCoHandlers
            kase={kase}
            me={me}
            onChanged={(view) => {
              setKase(view);
              onChanged();
            }}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('cases.timeline')}
          </Typography.Title>
          <CaseTimeline events={kase.events} />
        </Space>
      )}
      {kase && step && <StepModal kase={kase} action={step} onClose={() => setStep(null)} onOutcome={outcome} />}
    </Drawer>
  );
}

/** The few facts read first: kind, status, tier, light, the deadline and how it was counted. */
function CaseHeader({ kase }: { kase: CaseView }) {
  return (
    <div data-testid="case-header">
      <Space wrap size={[8, 8]} align="center">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-tracking-no">
          {kase.tracking_no}
        </Typography.Title>
        <Tag color="blue">{CASE_KIND_LABELS[kase.kind]}</Tag>
        <Tag>{subjectLabel(kase.subject)}</Tag>
        <Tag color="processing" data-testid="case-status">
          {kase.status_label}
        </Tag>
        <Tag>
          {t('cases.field.tier')}：{TIER_LABELS[kase.tier]}
        </Tag>
        <CaseTags kase={kase} />
      </Space>
      <Space wrap size={[24, 8]} style={{ marginTop: 8 }}>
        {kase.light !== 'none' && <LightDot light={kase.light} />}
        <span>
          {t('cases.field.due')}：<Typography.Text strong>{formatDate(kase.due_date)}</Typography.Text>{' '}
          <DuePopover kase={kase} />
        </span>
        <Typography.Text type="secondary">
          {t('cases.field.received')}：{formatDateTime(kase.received_at)}
        </Typography.Text>
      </Space>
    </div>
  );
}

function DuePopover({ kase }: { kase: CaseView }) {
  const due = kase.due_explanation;
  return (
    <Popover
      trigger={['click', 'hover']}
      title={t('cases.dueHow')}
      content={
        <div
          style={{ maxWidth: 440, maxHeight: 420, overflowY: 'auto', paddingInlineStart: 10 }}
          data-testid="case-due-explanation"
        >
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {t('cases.dueWorkingDays', { n: due.working_days, date: due.due_date })}
          </Typography.Paragraph>
          {due.provisional && (
            <Alert type="warning" showIcon title={t('cases.dueProvisional')} style={{ marginBottom: 8 }} />
          )}
          <Explanation due={due} receivedOn={clockStartDay(due) ?? formatDateTime(kase.received_at).slice(0, 10)} />
        </div>
      }
    >
      <Button type="link" size="small" icon={<InfoCircleOutlined />} data-testid="case-due-how">
        {t('cases.dueHow')}
        {due.provisional && (
          <Tag color="gold" style={{ marginInlineStart: 4 }}>
            {t('cases.provisional')}
          </Tag>
        )}
      </Button>
    </Popover>
  );
}

function useRegionName(code: string | null): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    fetchRegion(code).then(
      (r) => live && setName(r.full_name),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [code]);
  return code ? (name ?? code) : null;
}

/** Who asked, about whom, where, for how much, with which unions; the story and its pictures. */
function CaseFacts({ kase }: { kase: CaseView }) {
  const navigate = useNavigate();
  const region = useRegionName(kase.region_code);
  const none = t('cases.none');
  const yuan = (fen: number | null) => (fen === null ? none : t('cases.yuan', { amount: fenToYuan(fen) }));
  const items: DescriptionsProps['items'] = [
    {
      key: 'requester',
      label: t('cases.field.requester'),
      children: (
        <Space size={8}>
          <span>{kase.requester}</span>
          {kase.member_id !== null && <Tag color="green">{t('cases.field.isMember')}</Tag>}
        </Space>
      ),
    },
    { key: 'phone', label: t('cases.field.phone'), children: kase.phone_masked ?? none },
    { key: 'channel', label: t('cases.field.channel'), children: t(`cases.channel.${kase.channel}`) },
    {
      key: 'employer',
      label: t('cases.field.employer'),
      children: kase.employer_name ? (
        <Space orientation="vertical" size={0}>
          <span>{kase.employer_name}</span>
          {kase.employer_uscc && <Typography.Text type="secondary">{kase.employer_uscc}</Typography.Text>}
        </Space>
      ) : (
        none
      ),
    },
    { key: 'receiving', label: t('cases.field.receivingOrg'), children: kase.receiving_org.name },
    {
      key: 'handling',
      label: t('cases.field.handlingOrg'),
      children: kase.handling_org?.name ?? t('cases.notDispatched'),
    },
  ];
  if (kase.routed_org || kase.routed_by)
    items.push({
      key: 'routed',
      label: t('cases.field.routed'),
      children: [kase.routed_org?.name, kase.routed_by && routedByLabel(kase.routed_by)].filter(Boolean).join(' · '),
    });
  if (kase.wage_claimed_fen !== null || kase.wage_recovered_fen !== null)
    items.push(
      { key: 'claimed', label: t('cases.field.wageClaimed'), children: yuan(kase.wage_claimed_fen) },
      { key: 'recovered', label: t('cases.field.wageRecovered'), children: yuan(kase.wage_recovered_fen) },
    );
  if (region || kase.lat !== null || kase.station)
    items.push({
      key: 'location',
      label: t('cases.field.location'),
      children: (
        <Space orientation="vertical" size={0}>
          {region && <span>{region}</span>}
          {kase.station && <span>{`${t('cases.field.station')}：${kase.station.name}`}</span>}
          {kase.lat !== null && kase.lng !== null && (
            <Typography.Text type="secondary">{`${kase.lat.toFixed(5)}, ${kase.lng.toFixed(5)}`}</Typography.Text>
          )}
        </Space>
      ),
    });
  if (kase.severity)
    items.push({ key: 'severity', label: t('cases.field.severity'), children: t(`cases.severity.${kase.severity}`) });
  if (kase.sign_due_at && !kase.signed_at)
    items.push({ key: 'sign', label: t('cases.field.signDue'), children: formatDateTime(kase.sign_due_at) });
  if (kase.dispatch_due_at && kase.category === 'new')
    items.push({
      key: 'dispatch',
      label: t('cases.field.dispatchDue'),
      children: formatDateTime(kase.dispatch_due_at),
    });
  if (kase.closed_at)
    items.push({ key: 'closed', label: t('cases.field.closed'), children: formatDateTime(kase.closed_at) });
  if (kase.rating)
    items.push({
      key: 'rating',
      label: t('cases.field.rating'),
      children: [
        RATING_LABELS[kase.rating],
        kase.rating_resolved === null
          ? null
          : t(kase.rating_resolved ? 'cases.field.resolved' : 'cases.field.notResolved'),
        kase.rating_reason,
      ]
        .filter(Boolean)
        .join('；'),
    });
  if (kase.parent_id !== null)
    items.push({
      key: 'parent',
      label: t('cases.field.parent'),
      children: (
        <Typography.Link onClick={() => navigate(`/cases/${kase.parent_id}`)} data-testid="case-parent-link">
          {t('common.details')}
        </Typography.Link>
      ),
    });
  return (
    <Descriptions
      column={{ xs: 1, sm: 2 }}
      size="small"
      bordered
      items={items}
      styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
      data-testid="case-facts"
    />
  );
}

/** The request in the requester's words, their pictures, and the requests merged into it. */
function CaseStory({ kase }: { kase: CaseView }) {
  const navigate = useNavigate();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('cases.field.description')}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="case-description">
          {kase.description}
        </Typography.Paragraph>
      </div>
      {kase.attachments.length > 0 && (
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('cases.field.attachments')}
          </Typography.Title>
          <Image.PreviewGroup>
            <Space wrap>
              {kase.attachments.map((f, i) =>
                f.content_type.startsWith('image/') ? (
                  <Image
                    key={f.id}
                    width={96}
                    height={96}
                    style={{ objectFit: 'cover' }}
                    src={f.thumb_url ?? f.url}
                    preview={{ src: f.url }}
                    alt={`${t('cases.field.attachments')} ${i + 1}`}
                  />
                ) : (
                  <Typography.Link key={f.id} href={f.url} target="_blank">
                    {`${t('cases.field.attachments')} ${i + 1}`}
                  </Typography.Link>
                ),
              )}
            </Space>
          </Image.PreviewGroup>
        </div>
      )}
      {kase.children.length > 0 && (
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('cases.field.children')}（{kase.children.length}）
          </Typography.Title>
          <CollectiveSums kase={kase} />
          <Space wrap data-testid="case-children">
            {kase.children.map((c) => (
              <Typography.Link key={c.id} onClick={() => navigate(`/cases/${c.id}`)}>
                {`${c.tracking_no}（${c.requester}）`}
              </Typography.Link>
            ))}
          </Space>
        </div>
      )}
    </Space>
  );
}
