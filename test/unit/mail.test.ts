import { describe, expect, it } from 'vitest'
import { MAX_ATTEMPTS, retryDelaySeconds } from '../../server/services/mail'

describe('retryDelaySeconds', () => {
  it('doubles from 30 seconds and stops growing at 6 hours', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240])
    expect(retryDelaySeconds(20)).toBe(6 * 3600)
    expect(MAX_ATTEMPTS).toBeGreaterThan(1)
  })
})
