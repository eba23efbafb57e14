import { Button, Rate, Space } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchReviewSummary, type ReviewSummary } from './api';
import { t } from './messages';

/**
 * What the station's detail page (/m/stations/:id) shows of this feature: its rating summary and the
 * ways to 打卡, 评价 and 报告问题. A failed summary leaves the buttons, which are what a rider needs.
 */
export function StationVisitActions({ stationId, stationName }: { stationId: number; stationName: string }) {
  const [summary, setSummary] = useState<ReviewSummary | null>(null);
  useEffect(() => {
    let live = true;
    fetchReviewSummary(stationId).then(
      (s) => live && setSummary(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [stationId]);
  const navigate = useNavigate();
  const base = `/stations/${stationId}`;
  return (
    <div
      style={{ padding: '12px 16px', background: '#fff' }}
      data-testid="station-visit-actions"
      aria-label={stationName}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }} data-testid="station-rating">
        {summary && summary.count > 0 ? (
          <>
            <Rate readOnly allowHalf value={Math.round(summary.average! * 2) / 2} style={{ '--star-size': '18px' }} />
            <span style={{ color: '#666', fontSize: 14 }}>
              {t('visits.ratingSummary', { avg: summary.average!.toFixed(1), n: summary.count })}
            </span>
          </>
        ) : (
          <span style={{ color: '#999', fontSize: 14 }}>{summary ? t('visits.noRatings') : '\u00a0'}</span>
        )}
      </div>
      <Space style={{ width: '100%', '--gap': '8px' }} justify="between">
        <Button onClick={() => navigate(`${base}/check-in`)} color="primary" data-testid="station-check-in">
          {t('visits.checkIn')}
        </Button>
        <Button onClick={() => navigate(`${base}/rate`)} color="primary" fill="outline" data-testid="station-rate">
          {t('visits.rate')}
        </Button>
        <Button onClick={() => navigate(`${base}/report`)} color="warning" fill="outline" data-testid="station-report">
          {t('visits.report')}
        </Button>
      </Space>
      {summary && summary.latest.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="station-comments">
          <div style={{ fontSize: 13, color: '#999', marginBottom: 4 }}>{t('visits.latest')}</div>
          {summary.latest.map((c, i) => (
            <div key={i} style={{ fontSize: 14, padding: '6px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}>
              <Rate readOnly value={c.rating} style={{ '--star-size': '12px' }} />
              <span style={{ color: '#bbb', fontSize: 12, marginLeft: 8 }}>{c.day}</span>
              <div style={{ color: '#333', marginTop: 2 }}>{c.comment}</div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
