export function LicenseDetailsPage() {
  return (
    <section className="page">
      <h1>LicenseDetailsPage</h1>
    </section>
  );
}
