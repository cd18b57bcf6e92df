import type { User } from '@contract/accounts.js'
import { useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { LoadStatus } from '../../components/load-status.js'
import { TableHead } from '../../components/table-head.js'
import { t } from '../../i18n/index.js'
import { UserForm } from './user-form.js'

/** `/users` (admins): every account, a form for a new one, and changes to an existing one. */
export function UsersScreen() {
  const [loads, setLoads] = useState(0)
  const users = useApi(api.users, String(loads))
  const regions = useApi(api.regions)
  const [editing, setEditing] = useState<User>()
  const [status, setStatus] = useState('')
  const regionData = regions.status === 'ready' ? regions.data : undefined
  const regionName = (id: number) => regionData?.features.find((f) => f.properties.id === id)?.properties.name

  return (
    <div className="page users-screen">
      <h2>{t('users.title')}</h2>
      <p className="saved-note" role="status" hidden={!status}>
        {status}
      </p>
      <div className="form-columns">
        <div className="form-fields">
          <UserForm
            // a fresh form for each account, and after each save
            key={`${editing?.id ?? 'new'}-${editing?.version ?? 0}-${loads}`}
            user={editing}
            regions={regionData}
            onSaved={(saved, created) => {
              setStatus(t(created ? 'users.created' : 'users.saved', { email: saved.email }))
              setEditing(undefined)
              setLoads((n) => n + 1)
            }}
            onCancel={() => setEditing(undefined)}
            onReload={() => {
              setEditing(undefined)
              setLoads((n) => n + 1)
            }}
          />
        </div>
        <div className="users-table">
          <LoadStatus state={users} />
          {users.status === 'ready' && (
            <table className="data-table">
              <TableHead
                columns={[
                  t('users.email'),
                  t('users.displayName'),
                  t('users.role'),
                  t('users.regionsColumn'),
                  t('users.status'),
                  <span className="visually-hidden">{t('users.edit')}</span>,
                ]}
              />
              <tbody>
                {users.data.map((user) => (
                  <tr key={user.id} data-testid="user-row">
                    <td>{user.email}</td>
                    <td>{user.displayName ?? t('users.none')}</td>
                    <td>
                      {t(`role.${user.role}`)}
                      {user.isDemo && <span className="badge">{t('users.demo')}</span>}
                    </td>
                    <td>{user.regionIds.map((id) => regionName(id) ?? id).join(', ') || t('users.none')}</td>
                    <td>{t(user.disabled ? 'users.disabledStatus' : 'users.active')}</td>
                    <td>
                      <button type="button" onClick={() => setEditing(user)}>
                        {t('users.edit')}
                        <span className="visually-hidden"> {user.email}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </div>
  )
}
