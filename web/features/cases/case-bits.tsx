import { Space, Tag } from 'antd';
import type { CaseListItem } from './api';
import { LIGHT_COLORS, lightLabel, type Light } from './case-model';
import { t } from './messages';

/** The deadline light: a coloured dot and its words (never the colour alone). */
export function LightDot({ light }: { light: Light }) {
  if (light === 'none') return <span data-testid="case-light-none">{t('cases.none')}</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid={`case-light-${light}`}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: '50%',
          background: LIGHT_COLORS[light],
          marginInlineEnd: 6,
          verticalAlign: 'baseline',
        }}
      />
      <span style={{ color: LIGHT_COLORS[light] }}>{lightLabel(light)}</span>
    </span>
  );
}

/** 紧急, 督办, 通报, a pending request, 集体诉求: what should catch the eye on a row. */
export function CaseTags({ kase }: { kase: CaseListItem }) {
  const tags = [
    kase.emergency && (
      <Tag key="e" color="red">
        {t('cases.tag.emergency')}
      </Tag>
    ),
    kase.supervised && (
      <Tag key="s" color="volcano">
        {t('cases.tag.supervised')}
      </Tag>
    ),
    kase.publicised && (
      <Tag key="p" color="magenta">
        {t('cases.tag.publicised')}
      </Tag>
    ),
    kase.pending_request && (
      <Tag key="r" color="gold">
        {t(kase.pending_request === 'extension' ? 'cases.tag.extension' : 'cases.tag.park')}
      </Tag>
    ),
    kase.is_collective && (
      <Tag key="c" color="purple">
        {t('cases.tag.collective')}
      </Tag>
    ),
  ].filter(Boolean);
  if (tags.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap>
      {tags}
    </Space>
  );
}
