// A Service that is not in the cluster data: say which one (from the URL), and link back.
import { ServiceNotFound } from '@/components/service/ServiceNotFound';

/** Not-found page of the Service route. */
export default function NotFound() {
  return <ServiceNotFound />;
}
