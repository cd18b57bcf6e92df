import { type RefObject, useEffect, useRef, useState } from 'react'

type PlotFigureProps<T> = {
  data: T
  /** Builds the chart (an Observable Plot figure) for the data at a width in pixels. */
  render: (data: T, width: number) => Element
  label: string
  testId?: string
}

/**
 * Hosts a chart that Observable Plot builds as plain SVG outside React: rebuilt when the data or
 * the available width change. The SVG keeps its viewBox, so print stretches it to the page.
 */
export function PlotFigure<T>({ data, render, label, testId }: PlotFigureProps<T>) {
  const container = useRef<HTMLDivElement>(null)
  const width = useWidth(container)
  useEffect(() => {
    const node = container.current
    if (!node || width === 0) return
    const chart = render(data, width)
    node.replaceChildren(chart)
    return () => chart.remove()
  }, [data, render, width])
  return <div ref={container} className="dashboard-plot" role="img" aria-label={label} data-testid={testId} />
}

/** The element's content width, in steps of 20 px so a resize does not rebuild on every pixel. */
function useWidth(element: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const node = element.current
    if (!node) return
    const measure = () => setWidth(Math.max(320, Math.floor(node.clientWidth / 20) * 20))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(node)
    return () => observer.disconnect()
  }, [element])
  return width
}
