import { type RefObject, useState } from 'react'
import { t } from '../../i18n/index.js'
import type { MapHandle } from '../../map/map-view.js'
import { downloadBlob, renderExport } from './export-image.js'
import type { ExportContent } from './export-layout.js'
import { exportFileName } from './view-description.js'

type ExportButtonProps = {
  map: RefObject<MapHandle | null>
  /** What to write around the map, read at the moment of the click. */
  content: (attribution: string) => Omit<ExportContent, 'mapWidth' | 'mapHeight'>
}

/** Downloads the current view as a PNG with its title, legend and attribution. */
export function ExportButton({ map, content }: ExportButtonProps) {
  const [state, setState] = useState<{ status: 'idle' | 'working' } | { status: 'failed'; message: string }>({
    status: 'idle',
  })
  const exportView = async () => {
    const canvas = map.current?.canvas()
    if (!canvas) return
    setState({ status: 'working' })
    try {
      const blob = await renderExport(canvas, content(map.current?.attribution() ?? ''))
      downloadBlob(blob, exportFileName(new Date()))
      setState({ status: 'idle' })
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }
  return (
    <div className="export-view">
      <button type="button" className="primary" onClick={exportView} disabled={state.status === 'working'}>
        {state.status === 'working' ? t('map.export.working') : t('map.export.button')}
      </button>
      {state.status === 'failed' && (
        <p className="error" role="alert">
          {t('map.export.failed', { message: state.message })}
        </p>
      )}
    </div>
  )
}
