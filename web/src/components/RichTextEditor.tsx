// A small rich-text editor on contentEditable: the formatting an office user needs for rules and procedures
// (bold, italic, underline, headings, lists, quotes, links), nothing more and no dependency. The value in and
// out is HTML reduced to the same allow-list the viewer uses (RichText.tsx); the server sanitises it again.
import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Divider, Flex, Form, Input, Modal, Tooltip } from 'antd';
import {
  BoldOutlined,
  ClearOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  UnderlineOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { RichTextStyles, richTextPlain, safeHref, sanitizeHtml } from './RichText';

export interface RichTextEditorProps {
  /** HTML; set by Form.Item. */
  value?: string;
  onChange?: (html: string) => void;
  /** Set by Form.Item: the label's `for`. */
  id?: string;
  /** Accessible name of the editing surface, e.g. 正文. */
  'aria-label'?: string;
  placeholder?: string;
  disabled?: boolean;
  /** Minimum height of the editing surface in pixels. */
  minHeight?: number;
  /** Set by Form.Item when the field has an error. */
  status?: 'error' | 'warning' | '';
}

type Command = 'bold' | 'italic' | 'underline' | 'insertOrderedList' | 'insertUnorderedList';

const EDITOR_CSS = `
.dj-rte { border: 1px solid #d9d9d9; border-radius: 6px; background: #fff; transition: border-color .2s; }
.dj-rte:focus-within { border-color: #1677ff; box-shadow: 0 0 0 2px rgba(5,145,255,0.1); }
.dj-rte.dj-rte-error { border-color: #ff4d4f; }
.dj-rte.dj-rte-disabled { background: rgba(0,0,0,0.04); }
.dj-rte-toolbar { padding: 4px; border-bottom: 1px solid #f0f0f0; row-gap: 2px; }
.dj-rte-surface { padding: 8px 11px; outline: none; overflow-y: auto; max-height: 60vh; }
.dj-rte-surface[data-empty="true"]::before { content: attr(data-placeholder); color: rgba(0,0,0,0.25); pointer-events: none; position: absolute; }
`;

/** The browser's editing commands are deprecated in name only: every engine implements them, and no
 *  replacement exists for contentEditable; wrapping them here keeps that in one place. */
function exec(command: string, value?: string): boolean {
  return document.execCommand(command, false, value);
}

/** The editor's HTML as the value: allow-listed, and empty when nothing visible was written. */
function valueOf(surface: HTMLElement): string {
  const html = sanitizeHtml(surface.innerHTML);
  return richTextPlain(html).trim() === '' && !/<(hr|li)\b/.test(html) ? '' : html;
}

function ToolButton({ title, icon, onClick, active, disabled }: { title: string; icon: ReactNode; onClick: () => void; active?: boolean; disabled?: boolean }) {
  return (
    <Tooltip title={title} mouseEnterDelay={0.6}>
      <Button
        type={active ? 'primary' : 'text'}
        ghost={active}
        size="small"
        icon={icon}
        aria-label={title}
        aria-pressed={active}
        disabled={disabled}
        // Keep the selection in the editing surface: a click would otherwise move the focus to the button.
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      />
    </Tooltip>
  );
}

function TextButton({ title, label, onClick, disabled }: { title: string; label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <Button type="text" size="small" aria-label={title} title={title} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {label}
    </Button>
  );
}

export function RichTextEditor({
  value,
  onChange,
  id,
  'aria-label': ariaLabel = '正文',
  placeholder = '请输入正文',
  disabled,
  minHeight = 220,
  status,
}: RichTextEditorProps) {
  const surface = useRef<HTMLDivElement>(null);
  // Inside a Form.Item the field's validation status comes from the item (antd passes it by context).
  const itemStatus = Form.Item.useStatus().status;
  const shownStatus = status ?? itemStatus;
  // The last HTML this editor reported, so a value coming back from the form does not reset the caret.
  const emitted = useRef<string | null>(null);
  const [empty, setEmpty] = useState(true);
  const [active, setActive] = useState<Record<Command, boolean>>({
    bold: false,
    italic: false,
    underline: false,
    insertOrderedList: false,
    insertUnorderedList: false,
  });
  const savedRange = useRef<Range | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkHref, setLinkHref] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);

  // Value from outside (initial value, form reset, another record): replace the content.
  useEffect(() => {
    const el = surface.current;
    if (!el) return;
    const incoming = value ?? '';
    if (incoming === emitted.current) return;
    el.innerHTML = sanitizeHtml(incoming);
    emitted.current = incoming;
    setEmpty(richTextPlain(incoming).trim() === '' && !/<(hr|li)\b/.test(incoming));
  }, [value]);

  const emit = useCallback(() => {
    const el = surface.current;
    if (!el) return;
    const html = valueOf(el);
    setEmpty(html === '');
    if (html !== emitted.current) {
      emitted.current = html;
      onChange?.(html);
    }
  }, [onChange]);

  const refreshActive = useCallback(() => {
    const el = surface.current;
    const sel = document.getSelection();
    if (!el || !sel || sel.rangeCount === 0 || !el.contains(sel.anchorNode)) return;
    setActive({
      bold: document.queryCommandState('bold'),
      italic: document.queryCommandState('italic'),
      underline: document.queryCommandState('underline'),
      insertOrderedList: document.queryCommandState('insertOrderedList'),
      insertUnorderedList: document.queryCommandState('insertUnorderedList'),
    });
  }, []);

  useEffect(() => {
    document.addEventListener('selectionchange', refreshActive);
    return () => document.removeEventListener('selectionchange', refreshActive);
  }, [refreshActive]);

  const focus = () => {
    const el = surface.current;
    if (el && document.activeElement !== el) el.focus();
  };

  const run = (command: string, arg?: string) => {
    if (disabled) return;
    focus();
    // Tags, not style attributes: the allow-list keeps <b>/<i>/<u> but drops styles.
    exec('styleWithCSS', 'false');
    exec(command, arg);
    emit();
    refreshActive();
  };

  const block = (tag: 'h3' | 'h4' | 'blockquote' | 'p') => run('formatBlock', `<${tag}>`);

  const clearFormat = () => {
    run('removeFormat');
    run('unlink');
    run('formatBlock', '<p>');
  };

  const openLink = () => {
    if (disabled) return;
    const sel = document.getSelection();
    const el = surface.current;
    savedRange.current = sel && sel.rangeCount > 0 && el?.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
    setLinkHref('https://');
    setLinkError(null);
    setLinkOpen(true);
  };

  const insertLink = () => {
    const href = linkHref.trim();
    if (!safeHref(href) || href === 'https://' || href === 'http://') {
      setLinkError('请输入以 http:// 或 https:// 开头的网址');
      return;
    }
    setLinkOpen(false);
    const el = surface.current;
    if (!el) return;
    el.focus();
    const sel = document.getSelection();
    if (sel && savedRange.current) {
      sel.removeAllRanges();
      sel.addRange(savedRange.current);
    }
    if (!sel || sel.isCollapsed) {
      // No text chosen: the address itself becomes the link text.
      const text = href.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
      exec('insertHTML', `<a href="${text}">${text}</a>`);
    } else {
      exec('createLink', href);
    }
    emit();
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    e.preventDefault();
    if (disabled) return;
    const html = e.clipboardData.getData('text/html');
    if (html) {
      // Word and web pages bring styles, classes and scripts: only the allow-listed structure is kept.
      exec('insertHTML', sanitizeHtml(html));
    } else {
      exec('insertText', e.clipboardData.getData('text/plain'));
    }
    emit();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'b' || key === 'i' || key === 'u') {
      e.preventDefault();
      run(key === 'b' ? 'bold' : key === 'i' ? 'italic' : 'underline');
    } else if (key === 'k') {
      e.preventDefault();
      openLink();
    }
  };

  const className = ['dj-rte', shownStatus === 'error' ? 'dj-rte-error' : '', disabled ? 'dj-rte-disabled' : ''].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <RichTextStyles />
      <style href="dj-rte" precedence="default">
        {EDITOR_CSS}
      </style>
      <Flex className="dj-rte-toolbar" wrap align="center" gap={2} role="toolbar" aria-label={`${ariaLabel}格式`}>
        <ToolButton title="加粗 (Ctrl+B)" icon={<BoldOutlined />} active={active.bold} disabled={disabled} onClick={() => run('bold')} />
        <ToolButton title="斜体 (Ctrl+I)" icon={<ItalicOutlined />} active={active.italic} disabled={disabled} onClick={() => run('italic')} />
        <ToolButton title="下划线 (Ctrl+U)" icon={<UnderlineOutlined />} active={active.underline} disabled={disabled} onClick={() => run('underline')} />
        <Divider orientation="vertical" />
        <TextButton title="标题" label="标题" disabled={disabled} onClick={() => block('h3')} />
        <TextButton title="小标题" label="小标题" disabled={disabled} onClick={() => block('h4')} />
        <TextButton title="正文段落" label="正文" disabled={disabled} onClick={() => block('p')} />
        <Divider orientation="vertical" />
        <ToolButton title="有序列表" icon={<OrderedListOutlined />} active={active.insertOrderedList} disabled={disabled} onClick={() => run('insertOrderedList')} />
        <ToolButton title="无序列表" icon={<UnorderedListOutlined />} active={active.insertUnorderedList} disabled={disabled} onClick={() => run('insertUnorderedList')} />
        <TextButton title="引用" label="引用" disabled={disabled} onClick={() => block('blockquote')} />
        <ToolButton title="链接 (Ctrl+K)" icon={<LinkOutlined />} disabled={disabled} onClick={openLink} />
        <ToolButton title="清除格式" icon={<ClearOutlined />} disabled={disabled} onClick={clearFormat} />
      </Flex>
      <div style={{ position: 'relative' }}>
        <div
          ref={surface}
          id={id}
          className="dj-rte-surface dj-richtext"
          contentEditable={!disabled}
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-label={ariaLabel}
          aria-disabled={disabled || undefined}
          aria-invalid={shownStatus === 'error' || undefined}
          tabIndex={disabled ? -1 : 0}
          data-empty={empty}
          data-placeholder={placeholder}
          style={{ minHeight }}
          onInput={emit}
          onBlur={emit}
          onPaste={onPaste}
          onKeyDown={onKeyDown}
          onDrop={(e) => {
            // Dropped files would be inlined as data: images the server refuses: attachments are uploaded below.
            if (e.dataTransfer.files.length > 0) e.preventDefault();
          }}
        />
      </div>
      <Modal
        title="插入链接"
        open={linkOpen}
        onOk={insertLink}
        onCancel={() => setLinkOpen(false)}
        okText="插入"
        cancelText="取消"
        destroyOnHidden
      >
        <Input
          aria-label="链接地址"
          value={linkHref}
          status={linkError ? 'error' : undefined}
          onChange={(e) => {
            setLinkHref(e.target.value);
            setLinkError(null);
          }}
          onPressEnter={insertLink}
          autoFocus
        />
        {linkError && <div style={{ color: '#ff4d4f', marginTop: 4 }}>{linkError}</div>}
      </Modal>
    </div>
  );
}
