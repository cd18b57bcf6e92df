import { roles, type User } from '@contract/accounts.js'
import type { RegionCollection } from '@contract/regions.js'
import { type FormEvent, useId, useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import {
  describedBy,
  FieldError,
  type FieldErrors,
  FormError,
  fieldErrorsOf,
} from '../../components/field-error.js'
import { t } from '../../i18n/index.js'
import {
  checkUser,
  draftOfUser,
  emptyUser,
  newUserBody,
  userChangeBody,
  type UserDraft,
} from './user-draft.js'

type UserFormProps = {
  /** Undefined: a new account. */
  user: User | undefined
  regions: RegionCollection | undefined
  onSaved: (user: User, created: boolean) => void
  onCancel: () => void
  onReload: () => void
}

/** Create an account, or change one's role, regions, enterprise, disabling or password. */
export function UserForm({ user, regions, onSaved, onCancel, onReload }: UserFormProps) {
  const id = useId()
  const [draft, setDraft] = useState<UserDraft>(() => (user ? draftOfUser(user) : emptyUser()))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<unknown>()
  const [saving, setSaving] = useState(false)
  const enterprises = useApi(
    () =>
      draft.role === 'enterprise'
        ? api.enterprises({ sort: 'name', limit: 500 }).then((page) => page.features)
        : Promise.resolve([]),
    draft.role,
  )
  const set = (change: Partial<UserDraft>) => setDraft((current) => ({ ...current, ...change }))

  async function save(event: FormEvent) {
    event.preventDefault()
    setFailure(undefined)
    const found = checkUser(draft, user?.version)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setSaving(true)
    try {
      const saved = user
        ? await api.updateUser(user.id, userChangeBody(draft, user.version))
        : await api.createUser(newUserBody(draft))
      onSaved(saved, user === undefined)
    } catch (error) {
      setErrors(fieldErrorsOf(error))
      setFailure(error)
    } finally {
      setSaving(false)
    }
  }

  const field = (name: keyof UserDraft) => `${id}-${name}`
  return (
    <form className="user-form" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{user ? t('users.editing', { email: user.email }) : t('users.new')}</h3>
      <FormError error={failure} shown={new Set(Object.keys(errors))} onReload={onReload} />
      {!user && (
        <div className="field">
          <label htmlFor={field('email')}>{t('users.email')}</label>
          <input
            id={field('email')}
            type="email"
            value={draft.email}
            onChange={(e) => set({ email: e.target.value })}
            {...describedBy(errors, 'body.email')}
          />
          <FieldError errors={errors} path="body.email" />
        </div>
      )}
      <div className="field">
        <label htmlFor={field('displayName')}>{t('users.displayName')}</label>
        <input
          id={field('displayName')}
          value={draft.displayName}
          onChange={(e) => set({ displayName: e.target.value })}
          {...describedBy(errors, 'body.displayName')}
        />
        <FieldError errors={errors} path="body.displayName" />
      </div>
      <div className="field">
        <label htmlFor={field('role')}>{t('users.role')}</label>
        <select
          id={field('role')}
          value={draft.role}
          onChange={(e) => set({ role: roles.find((role) => role === e.target.value) ?? draft.role })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </div>
      {draft.role === 'enterprise' && (
        <div className="field">
          <label htmlFor={field('enterpriseId')}>{t('users.enterprise')}</label>
          <select
            id={field('enterpriseId')}
            value={draft.enterpriseId}
            onChange={(e) => set({ enterpriseId: e.target.value })}
            {...describedBy(errors, 'body.enterpriseId')}
          >
            <option value="">{t('users.chooseEnterprise')}</option>
            {enterprises.status === 'ready' &&
              enterprises.data.map(({ properties: e }) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
          </select>
          <FieldError errors={errors} path="body.enterpriseId" />
        </div>
      )}
      {draft.role === 'analyst' && (
        <fieldset className="region-choice">
          <legend>{t('users.regions')}</legend>
          {regions?.features.map(({ properties: region }) => (
            <label key={region.id} className="checkbox">
              <input
                type="checkbox"
                checked={draft.regionIds.includes(region.id)}
                onChange={(e) =>
                  set({
                    regionIds: e.target.checked
                      ? [...draft.regionIds, region.id]
                      : draft.regionIds.filter((regionId) => regionId !== region.id),
                  })
                }
              />
              {region.name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={field('password')}>{t(user ? 'users.newPassword' : 'users.password')}</label>
        <input
          id={field('password')}
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(e) => set({ password: e.target.value })}
          {...describedBy(errors, 'body.password')}
        />
        <FieldError errors={errors} path="body.password" />
      </div>
      {user && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.disabled}
            onChange={(e) => set({ disabled: e.target.checked })}
          />
          {t('users.disabled')}
        </label>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('form.saving') : t(user ? 'users.save' : 'users.create')}
        </button>
        {user && (
          <button type="button" onClick={onCancel}>
            {t('users.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
