import type { ReactNode } from 'react';

/**
 * Every kiosk screen's layout: the title and what it tells at the top, the controls in the
 * lower part of the screen (where a customer at a portrait kiosk reaches them).
 */
export function KioskFrame({
  id,
  title,
  top,
  busy = false,
  wide = false,
  children,
}: {
  /** the heading's id, which names the screen for screen readers */
  readonly id: string;
  readonly title: string;
  readonly top?: ReactNode;
  readonly busy?: boolean;
  /**
   * A screen with a large picture (the seat map): on a landscape screen the picture takes the
   * left and the controls a column on the right, so none of them falls below the fold.
   */
  readonly wide?: boolean;
  readonly children?: ReactNode;
}) {
  return (
    <section
      className={wide ? 'kiosk-screen kiosk-screen-wide' : 'kiosk-screen'}
      aria-labelledby={id}
      aria-busy={busy}
    >
      <div className="kiosk-top">
        <h1 id={id}>{title}</h1>
        {top}
      </div>
      <div className="kiosk-controls">{children}</div>
    </section>
  );
}
