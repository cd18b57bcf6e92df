import { useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { t } from '../../i18n/index.js'
import { useSession } from '../session/use-session.js'
import { EnterpriseForm } from './enterprise-form.js'
import { StreamDrafts } from './stream-drafts.js'

/** `/enterprises/new` and `/enterprises/:id`: loads what the form needs and reloads after a save. */
export function EnterpriseScreen() {
  const { id: idParam } = useParams()
  const id = idParam === undefined || idParam === 'new' ? undefined : Number(idParam)
  const navigate = useNavigate()
  const { can } = useSession()
  const justSaved = (useLocation().state as { saved?: boolean } | null)?.saved === true
  const [loads, setLoads] = useState(0)
  const regions = useApi(api.regions)
  const enterprise = useApi(
    () => (id === undefined ? Promise.resolve(undefined) : api.enterprise(id)),
    `${id ?? 'new'}|${loads}`,
  )

  if (id !== undefined && !(Number.isInteger(id) && id > 0)) {
    return <p className="page error">{t('enterprises.notFound')}</p>
  }
  if (enterprise.status === 'loading') return <p className="page">{t('map.loading')}</p>
  if (enterprise.status === 'failed') {
    return (
      <p className="page error" role="alert">
        {t('error.generic', { message: enterprise.message })}
      </p>
    )
  }
  const loaded = enterprise.data
  return (
    <div className="page enterprise-screen">
      {justSaved && loaded && (
        <p className="saved-note" role="status">
          {t('enterpriseForm.saved')}{' '}
          {can.seeSingleEnterprises && (
            <Link to={`/?enterprise=${loaded.id}`}>{t('enterpriseForm.showOnMap')}</Link>
          )}
        </p>
      )}
      {!can.editEnterprise && (
        <p className="muted read-only-note" data-testid="read-only-note">
          {t('enterprise.readOnly', { role: t(`role.${can.viewer}`) })}
        </p>
      )}
      <EnterpriseForm
        // A fresh form for each loaded version: what is on screen is what was read.
        key={`${loaded?.id ?? 'new'}-${loaded?.version ?? 0}-${loads}`}
        enterprise={loaded}
        regions={regions.status === 'ready' ? regions.data : undefined}
        readOnly={!can.editEnterprise}
        permitsReadOnly={!can.editPermits}
        backTo={can.listEnterprises ? '/enterprises' : '/'}
        onReload={() => setLoads((n) => n + 1)}
        onSaved={(savedId) => {
          navigate(`/enterprises/${savedId}`, { replace: id !== undefined, state: { saved: true } })
          setLoads((n) => n + 1)
        }}
      />
      {loaded && can.editStreamsAndNeeds && (
        <StreamDrafts enterprise={loaded} onConfirmed={() => setLoads((n) => n + 1)} />
      )}
      {loaded && can.deleteEnterprise && (
        <DeleteEnterprise id={loaded.id} name={loaded.name} onDeleted={() => navigate('/enterprises')} />
      )}
    </div>
  )
}

function DeleteEnterprise({ id, name, onDeleted }: { id: number; name: string; onDeleted: () => void }) {
  const [failure, setFailure] = useState<string>()
  return (
    <div className="danger-zone">
      <button
        type="button"
        className="danger"
        onClick={async () => {
          if (!window.confirm(t('enterprises.confirmDelete', { name }))) return
          try {
            await api.deleteEnterprise(id)
            onDeleted()
          } catch (error) {
            setFailure(error instanceof Error ? error.message : String(error))
          }
        }}
      >
        {t('enterprises.delete')}
      </button>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </div>
  )
}
