/**
 * Two antd-mobile components in a lighter build, for the pages of the H5's first load (DESIGN.md §7:
 * ≤ 150 KB gzip of JS). Same markup, classes and props as antd-mobile's; only what they load differs.
 */
import { createErrorBlock, type ErrorBlockProps } from 'antd-mobile';
import 'antd-mobile/es/components/spin-loading/spin-loading.css';
import { disconnectedImage } from 'antd-mobile/es/components/error-block/images/disconnected';
import { emptyImage } from 'antd-mobile/es/components/error-block/images/empty';
import type { CSSProperties, FC } from 'react';
import './light-ui.css';

/**
 * antd-mobile's ErrorBlock with the two illustrations the H5 shows (its own imports all four:
 * ~16 KB of SVG more).
 */
export const ErrorBlock = createErrorBlock({ empty: emptyImage, disconnected: disconnectedImage }) as FC<
  ErrorBlockProps & { status: 'empty' | 'disconnected' }
>;

const CIRCUMFERENCE = 15 * Math.PI * 2;
const COLORS = { default: 'var(--adm-color-weak)', primary: 'var(--adm-color-primary)' };

/**
 * antd-mobile's SpinLoading with its stroke drawn by a CSS animation (light-ui.css) instead of
 * react-spring, which would otherwise be ~15 KB gzip of every first load that shows a spinner.
 */
export function SpinLoading({ color = 'default' }: { color?: keyof typeof COLORS }) {
  return (
    <div className="adm-spin-loading" style={{ '--color': COLORS[color] } as CSSProperties}>
      <svg className="adm-spin-loading-svg" viewBox="0 0 32 32">
        <circle
          className="adm-spin-loading-fill gonghui-spin-stroke"
          fill="transparent"
          strokeWidth="2"
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={80}
          strokeLinecap="square"
          r={15}
          cx={16}
          cy={16}
        />
      </svg>
    </div>
  );
}
