import { describe, expect, it } from 'vitest'
import { registered, Session, signedInAdmin } from './session'

describe('GET /api/users', () => {
  it('is for admins only', async () => {
    expect((await new Session().request('/api/users')).status).toBe(401)
    const { session } = await registered()
    expect((await session.request('/api/users')).status).toBe(403)
  })

  it('pages and searches by e-mail or username, without secrets', async () => {
    const { user } = await registered('findme')
    const { session: admin } = await signedInAdmin()
    const res = await admin.request(`/api/users?keyword=${encodeURIComponent(user.username.toUpperCase())}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ total: 1, page: 1, has_next: false })
    expect(res.body.data[0].id).toBe(user.id)
    expect(res.text).not.toMatch(/password|hash|token/i)
    const page = await admin.request('/api/users?limit=1&page=2')
    expect(page.body.data).toHaveLength(1)
    expect(page.body.total).toBeGreaterThan(1)
    const wildcard = await admin.request('/api/users?keyword=%25')
    expect(wildcard.body.total).toBe(0)
  })
})

describe('GET /api/users/:id', () => {
  it('shows one\'s own account, hides everyone else\'s', async () => {
    const me = await registered()
    const other = await registered()
    expect((await me.session.request(`/api/users/${me.user.id}`)).body.data.id).toBe(me.user.id)
    const res = await me.session.request(`/api/users/${other.user.id}`)
    expect(res.status).toBe(404)
    const { session: admin } = await signedInAdmin()
    expect((await admin.request(`/api/users/${other.user.id}`)).status).toBe(200)
  })

  it('refuses an id that is not a UUID with a 400', async () => {
    const { session: admin } = await signedInAdmin()
    const res = await admin.request('/api/users/42')
    expect(res.status).toBe(400)
    expect(res.body.details.id).toEqual(['id must be a UUID'])
  })
})

describe('PUT /api/users/:id', () => {
  it('promotes and demotes, taking effect on the user\'s current session', async () => {
    const { session, user } = await registered()
    const { session: admin } = await signedInAdmin()
    expect((await admin.request(`/api/users/${user.id}`, { method: 'PUT', json: { is_admin: true } })).body.data.is_admin).toBe(true)
    expect((await session.request('/api/users')).status).toBe(200)
    await admin.request(`/api/users/${user.id}`, { method: 'PUT', json: { is_admin: false } })
    expect((await session.request('/api/users')).status).toBe(403)
  })

  it('will not let an admin demote or deactivate themselves', async () => {
    const { session: admin, user } = await signedInAdmin()
    const demote = await admin.request(`/api/users/${user.id}`, { method: 'PUT', json: { is_admin: false } })
    expect(demote.status).toBe(403)
    const deactivate = await admin.request(`/api/users/${user.id}`, { method: 'PUT', json: { is_active: false } })
    expect(deactivate.status).toBe(403)
    expect((await admin.request(`/api/users/${user.id}`)).body.data).toMatchObject({ is_admin: true, is_active: true })
  })

  it('is for admins only, and ignores fields it does not manage', async () => {
    const { session, user } = await registered()
    expect((await session.request(`/api/users/${user.id}`, { method: 'PUT', json: { is_admin: true } })).status).toBe(403)
    const { session: admin } = await signedInAdmin()
    const res = await admin.request(`/api/users/${user.id}`, { method: 'PUT', json: { full_name: 'Set by admin', email: 'taken@evil.example', password: 'whatever123' } })
    expect(res.status).toBe(200)
    expect(res.body.data.full_name).toBe('Set by admin')
    expect(res.body.data.email).not.toBe('taken@evil.example')
  })

  it('answers 404 for a user that does not exist, 400 for a bad body', async () => {
    const { session: admin } = await signedInAdmin()
    expect((await admin.request('/api/users/00000000-0000-4000-8000-000000000000', { method: 'PUT', json: { is_active: true } })).status).toBe(404)
    const bad = await admin.request('/api/users/00000000-0000-4000-8000-000000000000', { method: 'PUT', json: { is_active: 'yes' } })
    expect(bad.status).toBe(400)
    expect(bad.body.details.is_active).toBeDefined()
  })
})
