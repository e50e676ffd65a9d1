import './ui.css';

/**
 * A ticket's QR code and its short code. The SVG comes from our API as a string; it is shown as an
 * image (a `data:` URL), never put into the DOM, so nothing in it can run or style the page.
 */
export function TicketQr({ svg, code, alt, void: isVoid = false }: { svg: string; code: string; alt: string; void?: boolean }) {
  return (
    <figure className={isVoid ? 'ticket-qr void' : 'ticket-qr'}>
      <img src={svgDataUrl(svg)} alt={alt} width={256} height={256} />
      <figcaption>
        <code className="ticket-code">{code}</code>
      </figcaption>
    </figure>
  );
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
