// write_group.cpp: the writer thread and its queue (write_group.hpp).
#include "write_group.hpp"

#include <algorithm>

namespace gw {

WriteGroup::~WriteGroup() {
  {
    std::lock_guard<std::mutex> l(m_);
    stopping_ = true;
  }
  work_.notify_one();
  if (writer_.joinable()) writer_.join();
}

void WriteGroup::start(Runner run) {
  std::lock_guard<std::mutex> l(m_);
  if (writer_.joinable()) return;
  run_ = std::move(run);
  writer_ = std::thread([this] { writer_loop(); });
}

bool WriteGroup::submit(Job& job, std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> l(m_);
  queue_.push_back(&job);
  work_.notify_one();
  while (!job.done) {
    if (job.taken) {  // in the group the writer is running: its answer comes at that group's end
      job.cv.wait(l);
    } else if (job.cv.wait_until(l, deadline) == std::cv_status::timeout && !job.taken && !job.done) {
      // still queued at the deadline: the writer spent it on others or on another process's lock
      queue_.erase(std::find(queue_.begin(), queue_.end(), &job));
      return false;
    }
  }
  return true;
}

std::pair<uint64_t, uint64_t> WriteGroup::calls_and_groups() {
  std::lock_guard<std::mutex> l(m_);
  return {calls_, groups_};
}

void WriteGroup::run_group(std::vector<Job*>& group) {
  try {
    run_(group);  // each job now holds its answer or its error
  } catch (...) {  // a Runner that threw still answers every job of its group
    for (Job* j : group)
      if (j->json.empty() && !j->error) j->error = std::current_exception();
  }
}

void WriteGroup::writer_loop() {
  std::unique_lock<std::mutex> l(m_);
  for (;;) {
    work_.wait(l, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to run
    std::vector<Job*> group;
    while (!queue_.empty() && group.size() < kMaxBatch) {
      queue_.front()->taken = true;
      group.push_back(queue_.front());
      queue_.pop_front();
    }
    calls_ += group.size();
    ++groups_;
    l.unlock();
    run_group(group);
    l.lock();
    for (Job* j : group) {
      j->done = true;
      j->cv.notify_one();  // under the mutex: the job (on its worker's stack) outlives this call
    }
  }
}

}  // namespace gw
