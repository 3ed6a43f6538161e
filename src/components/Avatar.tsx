/** The bot's avatar: its initial, which a theme may cover with its own art through CSS. */
export function Avatar({ name, size = 'small' }: { name: string; size?: 'small' | 'large' }) {
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? '?'
  return (
    <div data-part="avatar" data-role="bot" data-size={size} aria-hidden="true">
      <span data-part="avatar-initial">{initial}</span>
    </div>
  )
}
