// Placeholder page: being written.
export default function Page() {
  return null;
}
