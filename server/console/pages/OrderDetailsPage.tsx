export function OrderDetailsPage() {
  return (
    <section className="page">
      <h1>OrderDetailsPage</h1>
    </section>
  );
}
