import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { type CatalogTitles, catalogTitles, noTitles } from './catalog-titles.js'

/** EWC chapters and NACE sections / divisions, loaded once for the legend and the filters. */
export function useCatalogTitles(): CatalogTitles {
  const loaded = useApi(() =>
    Promise.all([
      api.searchEwc({ level: 'chapter', limit: 100 }),
      api.searchNace({ level: 'section', limit: 100 }),
      api.searchNace({ level: 'division', limit: 200 }),
    ]).then(([chapters, sections, divisions]) => catalogTitles(chapters, sections, divisions)),
  )
  return loaded.status === 'ready' ? loaded.data : noTitles
}
