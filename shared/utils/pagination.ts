export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100

export interface Page<T> {
  data: T[]
  total: number
  page: number
  limit: number
  has_next: boolean
}

export function toPage<T>(data: T[], total: number, page: number, limit: number): Page<T> {
  return { data, total, page, limit, has_next: page * limit < total }
}
