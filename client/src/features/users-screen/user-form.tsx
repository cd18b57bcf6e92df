import { roles, type User } from '@contract/accounts.js'
import type { RegionCollection } from '@contract/regions.js'
import { type FormEvent, useId, useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { type FieldErrors, FormError, fieldErrorsOf } from '../../components/field-error.js'
import { Checkbox, errorsAt, SelectField, TextField } from '../../components/fields.js'
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

  const at = errorsAt(errors, (field) => `body.${field}`)
  return (
    <form className="user-form" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{user ? t('users.editing', { email: user.email }) : t('users.new')}</h3>
      <FormError error={failure} shown={new Set(Object.keys(errors))} onReload={onReload} />
      {!user && (
        <TextField
          type="email"
          label={t('users.email')}
          value={draft.email}
          onChange={(email) => set({ email })}
          {...at('email')}
        />
      )}
      <TextField
        label={t('users.displayName')}
        value={draft.displayName}
        onChange={(displayName) => set({ displayName })}
        {...at('displayName')}
      />
      <SelectField
        label={t('users.role')}
        value={draft.role}
        options={roles}
        optionLabel={(role) => t(`role.${role}`)}
        onChange={(role) => set({ role })}
      />
      {draft.role === 'enterprise' && (
        <SelectField
          label={t('users.enterprise')}
          value={draft.enterpriseId}
          empty={t('users.chooseEnterprise')}
          onChange={(enterpriseId) => set({ enterpriseId })}
          {...at('enterpriseId')}
        >
          {enterprises.status === 'ready' &&
            enterprises.data.map(({ properties: e }) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
        </SelectField>
      )}
      {draft.role === 'analyst' && (
        <fieldset className="region-choice">
          <legend>{t('users.regions')}</legend>
          {regions?.features.map(({ properties: region }) => (
            <Checkbox
              key={region.id}
              label={region.name}
              checked={draft.regionIds.includes(region.id)}
              onChange={(checked) =>
                set({
                  regionIds: checked
                    ? [...draft.regionIds, region.id]
                    : draft.regionIds.filter((regionId) => regionId !== region.id),
                })
              }
            />
          ))}
        </fieldset>
      )}
      <TextField
        type="password"
        autoComplete="new-password"
        label={t(user ? 'users.newPassword' : 'users.password')}
        value={draft.password}
        onChange={(password) => set({ password })}
        {...at('password')}
      />
      {user && (
        <Checkbox
          label={t('users.disabled')}
          checked={draft.disabled}
          onChange={(disabled) => set({ disabled })}
        />
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
