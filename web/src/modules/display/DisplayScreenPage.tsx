// The 大屏 (/display/<token>): a wall screen's full-screen, read-only view of an organisation's figures, outside the
// app shell and without a session (the token is the only key). Drawn on a 1920×1080 stage scaled to the window, it
// fetches the figures every 60 s, keeps the last ones through a network hiccup, and says 链接无效或已停用 as soon as
// the server answers 404 (revoked, expired or unknown link). Plain CSS bars: no chart library in this chunk.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { DISPLAY_URL, type ScreenCard, type ScreenView, type Tone } from './api';
import './display.css';

const REFRESH_MS = 60_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const pad = (n: number) => String(n).padStart(2, '0');

type State = { kind: 'loading' } | { kind: 'gone' } | { kind: 'ok'; view: ScreenView; stale: boolean } | { kind: 'error' };

/** The figures of the link, every minute; `gone` for good once the server says 404. */
function useScreen(token: string): State {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        // No cookie: the screen never acts as whoever last signed in on this browser.
        const res = await fetch(`${DISPLAY_URL}/${encodeURIComponent(token)}`, { credentials: 'omit', cache: 'no-store' });
        if (stopped) return;
        if (res.status === 404) { setState({ kind: 'gone' }); return; }
        if (!res.ok) throw new Error(String(res.status));
        const view = (await res.json()) as ScreenView;
        if (!stopped) setState({ kind: 'ok', view, stale: false });
      } catch {
        if (!stopped) setState((s) => (s.kind === 'ok' ? { ...s, stale: true } : { kind: 'error' }));
      }
      if (!stopped) timer = setTimeout(() => void load(), REFRESH_MS);
    };
    void load();
    return () => { stopped = true; clearTimeout(timer); };
  }, [token]);
  return state;
}

/** The 1920×1080 stage's scale for the window, kept on resize. */
function useStageScale(): number {
  const fit = () => Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
  const [scale, setScale] = useState(fit);
  useEffect(() => {
    const onResize = () => setScale(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <div className="dp-clock" data-testid="display-clock">
      <div className="dp-time">{pad(now.getHours())}:{pad(now.getMinutes())}:{pad(now.getSeconds())}</div>
      <div className="dp-date">{now.getFullYear()}年{now.getMonth() + 1}月{now.getDate()}日 星期{WEEKDAYS[now.getDay()]}</div>
    </div>
  );
}

const toneClass = (t: Tone) => (t ? ` dp-${t}` : '');
const number = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));
/** Money of 10,000 元 or more in 万元 with one decimal, so that a year's dues fit a card read from across the room. */
const scaled = (value: number | null, unit: string): { value: number | null; unit: string } =>
  unit === '元' && value !== null && Math.abs(value) >= 10_000 ? { value: Math.round(value / 1000) / 10, unit: '万元' } : { value, unit };

function Bars({ items }: { items: { label: string; value: number }[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <div className="dp-bars">
      {items.map((i) => (
        <div className="dp-bar" key={i.label}>
          <div className="dp-bar-value">{number(i.value)}</div>
          <div className="dp-bar-track"><div className="dp-bar-fill" style={{ height: `${(i.value / max) * 100}%` }} /></div>
          <div className="dp-bar-label">{i.label}</div>
        </div>
      ))}
    </div>
  );
}

function Card({ card }: { card: ScreenCard }) {
  return (
    <section className="dp-card" data-testid="display-card">
      <header className="dp-card-head"><h2>{card.title}</h2>{card.period && <span>{card.period}</span>}</header>
      <div className="dp-figures">
        {card.figures.map((f) => {
          const shown = scaled(f.value, f.unit);
          return (
            <div className={`dp-figure${toneClass(f.tone)}`} key={f.label}>
              <div className={`dp-value${number(shown.value).length + shown.unit.length > 6 ? ' dp-long' : ''}`}>{number(shown.value)}<small>{shown.unit}</small></div>
              <div className="dp-label">{f.label}</div>
            </div>
          );
        })}
      </div>
      {card.chart && card.chart.items.length > 0 && <Bars items={card.chart.items} />}
      {!card.chart && card.lines.length > 0 && (
        <ul className="dp-lines">
          {/* Two lines fit under one row of figures at 1920×1080, one under two rows. */}
          {card.lines.slice(0, card.figures.length > 3 ? 1 : 2).map((l) => <li key={l.label} className={toneClass(l.tone)}><b>{l.label}</b><span>{l.note}</span></li>)}
        </ul>
      )}
    </section>
  );
}

export default function DisplayScreenPage() {
  const { token = '' } = useParams();
  const state = useScreen(token);
  const scale = useStageScale();
  useEffect(() => {
    document.title = state.kind === 'ok' ? `${state.view.org.name} · 党建大屏` : '党建大屏';
  }, [state]);
  return (
    <div className="dp-root">
      <div className="dp-stage" style={{ transform: `translate(-50%, -50%) scale(${scale})` }}>
        {state.kind === 'gone' && <div className="dp-message" role="alert">链接无效或已停用</div>}
        {state.kind === 'error' && <div className="dp-message">暂时无法连接服务器，稍后自动重试</div>}
        {state.kind === 'loading' && <div className="dp-message dp-muted">正在加载…</div>}
        {state.kind === 'ok' && (
          <>
            <header className="dp-head">
              <div className="dp-place">{state.view.place}</div>
              <h1>{state.view.org.name} · 党建工作大屏</h1>
              <Clock />
            </header>
            <main className="dp-grid">{state.view.cards.map((c) => <Card key={c.key} card={c} />)}</main>
            <footer className="dp-foot">
              数据更新于 {new Date(state.view.at).toLocaleTimeString('zh-CN', { hour12: false })}，每分钟自动刷新{state.stale ? ' · 网络中断，显示的是上次的数据' : ''}
            </footer>
          </>
        )}
      </div>
    </div>
  );
}
