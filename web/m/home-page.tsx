import { Grid } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { t } from './messages';
import type { MessageKeyOf } from '../lib/i18n';
import { DemoBanner } from './demo-banner';
import { HotlineLink } from './hotline-link';

interface Tile {
  path: string;
  testId: string;
  glyph: string;
  color: string;
  label: MessageKeyOf<typeof t>;
  hint: MessageKeyOf<typeof t>;
}

// A glyph in a coloured disc instead of image icons keeps the first load small on a weak signal.
const TILES: Tile[] = [
  { path: '/join', testId: 'm-tile-join', glyph: '入', color: '#c41d24', label: 'm.tileJoin', hint: 'm.tileJoinHint' },
  {
    path: '/stations',
    testId: 'm-tile-stations',
    glyph: '站',
    color: '#fa8c16',
    label: 'm.tileStations',
    hint: 'm.tileStationsHint',
  },
  {
    path: '/cases',
    testId: 'm-tile-cases',
    glyph: '助',
    color: '#1677ff',
    label: 'm.tileCases',
    hint: 'm.tileCasesHint',
  },
  { path: '/me', testId: 'm-tile-me', glyph: '我', color: '#52c41a', label: 'm.tileMe', hint: 'm.tileMeHint' },
];

export function HomePage() {
  return (
    <main>
      <DemoBanner />
      <header
        style={{ background: 'linear-gradient(135deg, #c41d24, #e8553e)', color: '#fff', padding: '28px 20px 36px' }}
      >
        <h1 style={{ margin: 0, fontSize: 24, fontWeight: 600 }} data-testid="m-title">
          {t('m.title')}
        </h1>
        <p style={{ margin: '6px 0 0', fontSize: 14, opacity: 0.9 }}>{t('m.subtitle')}</p>
      </header>
      <nav
        style={{
          margin: '-16px 12px 0',
          background: '#fff',
          borderRadius: 12,
          padding: '8px 4px',
          position: 'relative',
        }}
      >
        <Grid columns={2} gap={0}>
          {TILES.map((tile) => (
            <Grid.Item key={tile.path}>
              <Link
                to={tile.path}
                data-testid={tile.testId}
                style={{
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  padding: '16px 8px',
                  color: '#333',
                  textDecoration: 'none',
                }}
              >
                <span
                  aria-hidden
                  style={{
                    width: 48,
                    height: 48,
                    borderRadius: '50%',
                    background: tile.color,
                    color: '#fff',
                    fontSize: 22,
                    lineHeight: '48px',
                    textAlign: 'center',
                    fontWeight: 600,
                  }}
                >
                  {tile.glyph}
                </span>
                <span style={{ marginTop: 8, fontSize: 16, fontWeight: 500 }}>{t(tile.label)}</span>
                <span style={{ marginTop: 2, fontSize: 12, color: '#999' }}>{t(tile.hint)}</span>
              </Link>
            </Grid.Item>
          ))}
        </Grid>
      </nav>
      <section style={{ margin: 12, padding: 16, background: '#fff', borderRadius: 12, fontSize: 14, color: '#666' }}>
        {t('m.hotline')} <HotlineLink testId="m-hotline" />
      </section>
    </main>
  );
}
