import { Alert, Input, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { asApiError } from '../../lib/http';
import { checkHours, type HoursCheck } from './api';
import { t } from './messages';

const DEBOUNCE_MS = 400;
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * The opening_hours input with the server's reading of it, as the user types (debounced): the
 * next seven days' open hours with holidays marked, or where the value fails and why. The parser
 * stays on the server (it is large, and LGPL).
 */
export function HoursField({
  value,
  onChange,
  regionCode,
}: {
  value?: string;
  onChange?: (v: string) => void;
  regionCode?: string;
}) {
  const [check, setCheck] = useState<HoursCheck | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  useEffect(() => {
    const text = value?.trim();
    if (!text) {
      setCheck(null);
      return;
    }
    const abort = new AbortController();
    setIsChecking(true);
    const timer = setTimeout(() => {
      checkHours(text, regionCode, abort.signal).then(
        (answer) => {
          setCheck(answer);
          setIsChecking(false);
        },
        (err: unknown) => {
          if (abort.signal.aborted) return;
          setCheck({ ok: false, error: asApiError(err).message, week: [] });
          setIsChecking(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [value, regionCode]);

  return (
    <div>
      <Input
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        placeholder="Mo-Fr 08:00-18:00; PH off"
        maxLength={255}
        style={{ fontFamily: 'monospace' }}
        data-testid="station-form-hours"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('stations.hoursHelp')}
      </Typography.Text>
      <Spin spinning={isChecking} size="small">
        {check && !check.ok && (
          <Alert type="error" showIcon title={check.error} style={{ marginTop: 8 }} data-testid="station-hours-error" />
        )}
        {check?.ok && (
          <div
            style={{ marginTop: 8, background: '#fafafa', padding: '6px 10px', borderRadius: 6 }}
            data-testid="station-hours-week"
          >
            <Typography.Text strong style={{ fontSize: 12 }}>
              {t('stations.weekTitle')}
            </Typography.Text>
            {check.week.map((d) => (
              <div key={d.date} style={{ display: 'flex', gap: 8, fontSize: 13, lineHeight: '22px' }}>
                <span style={{ width: 92, color: '#666' }}>
                  {d.date.slice(5)} {WEEKDAYS_ZH[d.weekday]}
                </span>
                <span style={{ flex: 1 }}>
                  {d.intervals.length ? (
                    d.intervals.join('，')
                  ) : (
                    <Typography.Text type="secondary">{t('stations.closedAllDay')}</Typography.Text>
                  )}
                </span>
                {d.is_holiday && <Tag color="red">{t('stations.holiday')}</Tag>}
              </div>
            ))}
          </div>
        )}
      </Spin>
    </div>
  );
}
