import { Drawer, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { CASE_KIND_LABELS, CATEGORY_LABELS, RATING_LABELS } from '../../../common/cases';
import { CursorTable } from '../../components/cursor-table';
import { formatDateTime } from '../../lib/format';
import { useCursorList } from '../../lib/use-cursor-list';
import { listRateCases, type CaseRateCase, type CaseRatesQuery } from './api';
import type { RateKey } from './figures-model';
import { t } from './figures-messages';

export interface Drill {
  measure: RateKey;
  outcome: 'hit' | 'miss';
}

const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('figures.yes') : t('figures.no'));

/** The cases behind one number of one rate, a page at a time; a row opens the case (if the cadre may see it). */
export function FiguresDrill({
  query,
  orgName,
  drill,
  canOpenCases,
  onClose,
}: {
  query: CaseRatesQuery;
  orgName: string;
  drill: Drill;
  canOpenCases: boolean;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const list = useCursorList<CaseRateCase>(JSON.stringify({ query, drill }), (cursor) =>
    listRateCases({ ...query, ...drill, cursor }),
  );
  const columns: Parameters<typeof Table<CaseRateCase>>[0]['columns'] = [
    { title: t('figures.col.no'), dataIndex: 'tracking_no', width: 150 },
    {
      title: t('figures.col.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: CaseRateCase['kind']) => CASE_KIND_LABELS[k],
    },
    {
      title: t('figures.col.category'),
      dataIndex: 'category',
      width: 90,
      render: (c: CaseRateCase['category']) => <Tag>{CATEGORY_LABELS[c]}</Tag>,
    },
    { title: t('figures.col.received'), dataIndex: 'received_at', width: 150, render: formatDateTime },
    drill.measure === 'response'
      ? { title: t('figures.col.signed'), dataIndex: 'signed_on_time', width: 90, render: yesNo }
      : drill.measure === 'resolution'
        ? { title: t('figures.col.resolved'), dataIndex: 'rating_resolved', width: 90, render: yesNo }
        : {
            title: t('figures.col.rating'),
            dataIndex: 'rating',
            width: 90,
            render: (r: CaseRateCase['rating']) => (r ? RATING_LABELS[r] : '—'),
          },
  ];
  return (
    <Drawer
      open
      size={720}
      onClose={onClose}
      title={t('figures.drillTitle', {
        org: orgName,
        measure: t(`figures.${drill.measure}`),
        outcome: drill.outcome === 'hit' ? t('figures.drillHit') : t('figures.drillMiss'),
      })}
      data-testid="figures-drill"
    >
      <CursorTable<CaseRateCase>
        list={list}
        size="small"
        columns={columns}
        scroll={{ x: 570 }}
        locale={{ emptyText: t('figures.drillEmpty') }}
        onRow={(row) =>
          canOpenCases ? { onClick: () => navigate(`/cases/${row.id}`), style: { cursor: 'pointer' } } : {}
        }
        data-testid="figures-drill-table"
      />
    </Drawer>
  );
}
