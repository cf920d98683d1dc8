/** Dates as the shop shows them (fixed locale, so server and browser render the same text). */
export function formatDate(iso: string) {
  return new Date(iso).toLocaleDateString('en-IE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

export function formatDateTime(iso: string) {
  return new Date(iso).toLocaleString('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'
}

/** A span of seconds in words, to the largest whole unit: `7 days`, `30 minutes`, `45 seconds`. */
export function formatDuration(seconds: number) {
  for (const [unit, size] of [['day', 86_400], ['hour', 3600], ['minute', 60]] as const) {
    if (seconds >= size && seconds % size === 0) return plural(seconds / size, unit)
  }
  return plural(seconds, 'second')
}

function plural(count: number, unit: string) {
  return `${count} ${unit}${count === 1 ? '' : 's'}`
}
