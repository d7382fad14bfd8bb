/** The page's h1. It takes focus when the page appears, so keyboard and screen-reader users land on it. */
import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} id={id ?? 'page-heading'} data-testid="page-heading" className="page-heading">
      {children}
    </h1>
  );
}
